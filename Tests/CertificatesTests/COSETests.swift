import Foundation
import Testing

@testable import Certificates

/// COSE_Sign1 structure: tags, array shape, headers, Sig_structure (RFC 9052 §4).
@Suite struct COSETests {
    static func cose(_ path: String) throws -> [UInt8] {
        let testCase = try TestDataLocation.dccCase(path)
        return [UInt8](hex: try #require(testCase["COSE"] as? String))
    }

    static func message(tags: [UInt64], parts: [CBORValue]) -> [UInt8] {
        var value = CBORValue.array(parts)
        for tag in tags.reversed() { value = .tagged(tag, value) }
        return CBOREncoder.encode(value)
    }

    static let protectedES256 = CBOREncoder.encode(
        .map([.init(key: 1, value: -7), .init(key: 4, value: .byteString([1, 2, 3, 4, 5, 6, 7, 8]))]))

    static func parts(protected: [UInt8] = protectedES256, unprotected: [CBORMapEntry] = []) -> [CBORValue] {
        [.byteString(protected), .map(unprotected), .byteString([0xA0]), .byteString(Array(repeating: 1, count: 64))]
    }

    @Test func acceptsTaggedUntaggedAndCWTTaggedMessages() throws {
        for tags: [UInt64] in [[18], [], [61, 18]] {
            let message = try COSESign1(decoding: Self.message(tags: tags, parts: Self.parts()))
            #expect(message.algorithm == .es256)
            #expect(message.keyID == [1, 2, 3, 4, 5, 6, 7, 8])
        }
    }

    @Test func rejectsOtherTagsAndShapes() {
        let cases: [([UInt8], CertificateError.Code)] = [
            (Self.message(tags: [98], parts: Self.parts()), .wrongTag),
            (Self.message(tags: [18, 61], parts: Self.parts()), .wrongTag),
            (Self.message(tags: [18], parts: Array(Self.parts().prefix(3))), .wrongArraySize),
            (Self.message(tags: [18], parts: Self.parts() + [.null]), .wrongArraySize),
            (CBOREncoder.encode(.tagged(18, .map([]))), .malformedCOSE),
            (Self.message(tags: [18], parts: [.map([])] + Self.parts().dropFirst()), .malformedCOSE),
            (Self.message(tags: [18], parts: Self.parts(protected: [0x81, 0x01])), .malformedCOSE),
        ]
        for (bytes, code) in cases {
            let error = #expect(throws: CertificateError.self) { try COSESign1(decoding: bytes) }
            #expect(error?.code == code, "\(bytes.hexString)")
        }
    }

    @Test func headerRules() throws {
        let noKid = CBOREncoder.encode(.map([.init(key: 1, value: -7)]))
        let unprotectedKid = try COSESign1(
            decoding: Self.message(
                tags: [18],
                parts: Self.parts(
                    protected: noKid, unprotected: [.init(key: 4, value: .byteString([9, 9]))])))
        #expect(unprotectedKid.keyID == [9, 9])
        let protectedWins = try COSESign1(
            decoding: Self.message(
                tags: [18],
                parts: Self.parts(
                    unprotected: [.init(key: 4, value: .byteString([9, 9]))])))
        #expect(protectedWins.keyID == [1, 2, 3, 4, 5, 6, 7, 8])
        let missing = try COSESign1(decoding: Self.message(tags: [18], parts: Self.parts(protected: noKid)))
        #expect(missing.keyID == nil)
        let algUnprotected = #expect(throws: CertificateError.self) {
            try COSESign1(
                decoding: Self.message(
                    tags: [18], parts: Self.parts(protected: [], unprotected: [.init(key: 1, value: -37)])))
        }
        #expect(algUnprotected?.code == .missingAlgorithm)
    }

    @Test func headerErrorsAreSpecific() {
        let duplicate: [UInt8] = [0xA2, 0x01, 0x26, 0x01, 0x26]
        let unknownAlg = CBOREncoder.encode(.map([.init(key: 1, value: -35)]))
        let textAlg = CBOREncoder.encode(.map([.init(key: 1, value: "ES256")]))
        let cases: [([UInt8], CertificateError.Code)] = [
            (Self.message(tags: [18], parts: Self.parts(protected: duplicate)), .duplicateHeader),
            (
                Self.message(
                    tags: [18],
                    parts: Self.parts(unprotected: [
                        .init(key: 4, value: .byteString([1])), .init(key: 4, value: .byteString([2])),
                    ])), .duplicateHeader
            ),
            (Self.message(tags: [18], parts: Self.parts(protected: unknownAlg)), .unknownAlgorithm),
            (Self.message(tags: [18], parts: Self.parts(protected: textAlg)), .unknownAlgorithm),
            (Self.message(tags: [18], parts: Self.parts(protected: [0xA0])), .missingAlgorithm),
        ]
        for (bytes, code) in cases {
            let error = #expect(throws: CertificateError.self) { try COSESign1(decoding: bytes) }
            #expect(error?.code == code)
        }
    }

    @Test func readsConformanceMessagesAndBuildsTheirSigStructure() throws {
        let co19 = try COSESign1(decoding: Self.cose("common/2DCode/raw/CO19.json"))
        #expect(co19.algorithm == .es256)
        #expect(co19.keyID?.hexString == "46e7888f3ac7fcac")
        #expect(Array(co19.signatureInput.prefix(16)).hexString == "846a5369676e61747572653143a10126")
        let claims = try CWTClaims(decoding: co19.payload)
        #expect(claims.issuer == "AT")
        #expect(claims.issuedAt?.timeIntervalSince1970 == 1_620_064_800)
        #expect(claims.expiresAt?.timeIntervalSince1970 == 1_620_237_600)
        #expect(HealthCertificate(cbor: claims.healthCertificate).type == .test)
        // CO20 carries alg only in the unprotected header, which we refuse (see ConformanceTests.ourPolicy).
        let co20 = #expect(throws: CertificateError.self) {
            try COSESign1(decoding: Self.cose("common/2DCode/raw/CO20.json"))
        }
        #expect(co20?.code == .missingAlgorithm)
        let co28 = try COSESign1(decoding: Self.cose("common/2DCode/raw/CO28.json"))
        #expect(co28.payload.count > 100)
    }

    @Test func signedEncodingRoundTrips() throws {
        let bytes = try COSESign1.encode(payload: [0xA0], algorithm: .es256, keyID: [7, 7]) { input in
            #expect(input.first == 0x84)
            return Array(repeating: 5, count: 64)
        }
        let message = try COSESign1(decoding: bytes)
        #expect(bytes.prefix(2) == [0xD2, 0x84])
        #expect(message.keyID == [7, 7] && message.payload == [0xA0] && message.signature.count == 64)
    }

    @Test func cwtClaimsRejectMissingHcertAndDuplicates() throws {
        let noHcert = CBOREncoder.encode(.map([.init(key: 1, value: "AT")]))
        #expect(throws: CertificateError(.missingHealthCertificate, "")) { try CWTClaims(decoding: noHcert) }
        let duplicate: [UInt8] = [0xA2, 0x01, 0x61, 0x41, 0x01, 0x61, 0x42]
        #expect(throws: CertificateError(.malformedCWT, "")) { try CWTClaims(decoding: duplicate) }
        #expect(throws: CertificateError(.malformedCWT, "")) { try CWTClaims(decoding: [0x80]) }
        let claims = CWTClaims(issuer: "XX", issuedAt: nil, expiresAt: nil, healthCertificate: .map([]))
        #expect(try CWTClaims(decoding: claims.encoded()) == claims)
    }
}
