import Foundation
import Testing

@testable import Certificates

/// The other encodings of one signed certificate that verifiers accept (see the README): each still verifies, and
/// each is still revoked by every hash type of a revocation batch made from the certificate as issued.
@Suite struct EncodingVariantsTests {
    let fixture: IssuerFixture
    let hc1: String
    let cose: COSESign1

    init() throws {
        fixture = try IssuerFixture()
        hc1 = try fixture.issue()
        cose = try COSESign1(decoding: try IssuerFixture.cose(of: hc1))
    }

    /// The order of the P-256 group, big-endian.
    static let order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]

    /// `n − s` of a 32-byte big-endian `s`.
    static func negated(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            var digit = Int(order[index]) - Int(s[s.startIndex + index]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            result[index] = UInt8(digit)
        }
        return result
    }

    /// The COSE_Sign1 parts written again: tagged or not, the payload's length in a longer form than needed.
    func message(tagged: Bool = true, signature: [UInt8]? = nil, longPayloadLength: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = tagged ? [0xD2, 0x84] : [0x84]
        bytes += CBOREncoder.encode(.byteString(cose.protectedHeaderBytes))
        bytes += CBOREncoder.encode(.map(cose.unprotectedHeader))
        if longPayloadLength {
            let count = UInt32(cose.payload.count)
            bytes += [
                0x5A, UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF),
            ]
            bytes += cose.payload
        } else {
            bytes += CBOREncoder.encode(.byteString(cose.payload))
        }
        bytes += CBOREncoder.encode(.byteString(signature ?? cose.signature))
        return bytes
    }

    func hc1(_ coseBytes: [UInt8], level: Int32 = Zlib.issuingLevel) throws -> String {
        "HC1:" + Base45.encode(try Zlib.compress(coseBytes, level: level))
    }

    var variants: [(String, String)] {
        get throws {
            let highS = Array(cose.signature.prefix(32)) + Self.negated(cose.signature.suffix(32))
            return [
                ("zlib level 9", try hc1(message(), level: 9)),
                ("untagged COSE_Sign1", try hc1(message(tagged: false))),
                ("long payload length", try hc1(message(longPayloadLength: true))),
                ("high S", try hc1(message(signature: highS))),
            ]
        }
    }

    @Test func everyAcceptedVariantVerifiesAndStaysRevoked() throws {
        let verifyTime = fixture.now.addingTimeInterval(60)
        for (name, variant) in try variants {
            #expect(variant != hc1, "\(name)")
            #expect(fixture.verifier.verify(variant, at: verifyTime).isValid, "\(name)")
            for type in RevocationHashType.allCases {
                let list = try RevocationList(revokingHC1Strings: [hc1], hashTypes: [type])
                let result = CertificateVerifier(trustList: fixture.trustList, revocationList: list)
                    .verify(variant, at: verifyTime)
                #expect(result.error?.code == .revoked, "\(name) by \(type)")
            }
        }
    }
}
