import Foundation
import Testing

@testable import Certificates

/// The verification chain's fast paths give the same answers as the general paths they stand in for.
@Suite struct DecodingFastPathTests {
    @Test func base45DecodesASliceLikeItsCopy() throws {
        let bytes = (0..<301).map { UInt8(truncatingIfNeeded: $0 * 91 + 7) }
        let text = "HC1:" + Base45.encode(bytes)
        let slice = text.dropFirst(4)
        #expect(try Base45.decode(slice) == bytes)
        #expect(try Base45.decode(slice) == Base45.decode(String(slice)))
        let error = #expect(throws: CertificateError.self) { try Base45.decode("HC1:AB#".dropFirst(4)) }
        #expect(error?.code == .base45InvalidCharacter)
    }

    @Test func prefixIsComparedCharacterWise() throws {
        #expect(try HC1Codec.stripPrefix("HC1:BB8") == "BB8")
        #expect(try HC1Codec.stripPrefix("HC1:") == "")
        // A combining mark joins the colon into another character, so the string does not start with "HC1:".
        for text in ["HC1:\u{0301}BB8", "HC1BB8", "hc1:BB8"] {
            let error = #expect(throws: CertificateError.self) { try HC1Codec.stripPrefix(text) }
            #expect(error?.code == .wrongPrefix, "\(text)")
        }
    }

    @Test func sharedNamesDecodeToEqualText() throws {
        let names = ["ver", "nam", "dob", "v", "t", "r", "fn", "gnt", "ci", "du", "vx", "ver2", "", "a\u{0}"]
        for name in names {
            let encoded = CBOREncoder.encode(.textString(name))
            #expect(try CBORDecoder().decode(encoded) == .textString(name), "\(name)")
        }
    }

    @Test func memberNamesPackWithTheirLength() {
        #expect(DCCMemberName("a") != DCCMemberName("a\u{0}"))
        #expect(DCCMemberName("tg") == DCCMemberName.disease)
        #expect(DCCMemberName("abcdefgh") == DCCMemberName.unmatched)
        #expect(DCCMemberName("gnt").description == "gnt")
    }

    @Test func theFirstOfTwoSameNamedMembersIsValidated() throws {
        let payload = try PayloadTests.payload(PayloadTests.vaccination)
        guard case .object(let members) = payload else { throw CertificateError(.invalidPayload, "not an object") }
        let badVersion = JSONValue.Member("ver", .integer(5))
        try HealthCertificate(json: .object(members + [badVersion])).validate()
        let error = #expect(throws: CertificateError.self) {
            try HealthCertificate(json: .object([badVersion] + members)).validate()
        }
        #expect(error?.code == .schemaViolation)
    }

    @Test func typeNeedsExactlyOneGroup() throws {
        let payload = try PayloadTests.payload(PayloadTests.vaccination)
        guard case .object(let members) = payload, let group = payload["v"] else {
            throw CertificateError(.invalidPayload, "not a vaccination")
        }
        #expect(HealthCertificate(json: .object(members + [JSONValue.Member("v", group)])).type == .vaccination)
        #expect(HealthCertificate(json: .object(members + [JSONValue.Member("t", group)])).type == nil)
        #expect(HealthCertificate(json: .object(members.filter { $0.key != "v" })).type == nil)
    }
}
