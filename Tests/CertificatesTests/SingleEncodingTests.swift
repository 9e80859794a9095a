import Foundation
import Testing

@testable import Certificates

/// A certificate string is exactly one encoding of its content: bytes after the zlib stream, after a CBOR item,
/// or a Base45 character left over are refused, each with its own code, never verified as the certificate.
@Suite struct SingleEncodingTests {
    let fixture: IssuerFixture

    init() throws { fixture = try IssuerFixture() }

    func verify(_ hc1: String) -> VerificationResult {
        fixture.verifier.verify(hc1, at: fixture.now.addingTimeInterval(60))
    }

    /// The HC1 string of `hc1`'s zlib stream followed by a zero byte (`HC1:<certificate>00` when the Base45 text
    /// ends on a whole group).
    static func withTrailingZero(_ hc1: String) throws -> String {
        "HC1:" + Base45.encode(try Base45.decode(String(hc1.dropFirst(4))) + [0])
    }

    @Test func dataAfterTheZlibStreamIsRefused() throws {
        let hc1 = try fixture.issue()
        #expect(verify(hc1).isValid)
        let result = verify(try Self.withTrailingZero(hc1))
        #expect(!result.isValid)
        #expect(result.checks.decompress == false)
        #expect(result.error?.code == .trailingData)
        let compressed = try Base45.decode(String(hc1.dropFirst(4)))
        for extra: [UInt8] in [[0], [0xFF, 0xFF], compressed] {
            let error = #expect(throws: CertificateError.self) { try Zlib.decompress(compressed + extra) }
            #expect(error?.code == .trailingData)
            #expect(verify("HC1:" + Base45.encode(compressed + extra)).error?.code == .trailingData)
        }
    }

    @Test func everyDecodingPathRefusesTrailingData() throws {
        let padded = try Self.withTrailingZero(try fixture.issue())
        let error = #expect(throws: CertificateError.self) { try HC1Codec.decode(padded) }
        #expect(error?.code == .trailingData)
        #expect(throws: CertificateError.self) { try RevocationSubject(hc1String: padded) }
    }

    @Test func dataAfterTheCOSEItemIsRefused() throws {
        let cose = try IssuerFixture.cose(of: try fixture.issue())
        let result = verify(try IssuerFixture.hc1(cose: cose + [0x00]))
        #expect(!result.isValid)
        #expect(result.checks.cose == false)
        #expect(result.error?.code == .cborTrailingBytes)
    }

    @Test func dataAfterTheClaimsOrTheProtectedHeaderIsRefused() throws {
        let payload = try fixture.claimsPayload()
        let longPayload = try fixture.signedCOSE(protected: fixture.protectedES256, payload: payload + [0xF6])
        #expect(verify(try IssuerFixture.hc1(cose: longPayload)).error?.code == .cborTrailingBytes)
        let longHeader = try fixture.signedCOSE(protected: fixture.protectedES256 + [0x00], payload: payload)
        #expect(verify(try IssuerFixture.hc1(cose: longHeader)).error?.code == .cborTrailingBytes)
    }

    @Test func base45LeftoversAndPaddingAreRefused() throws {
        let hc1 = try fixture.issue()
        // Base45 has no padding: a character left over (length 1 modulo 3) is an error of its own.
        let leftover = (4 - (hc1.count - 4) % 3) % 3
        let short = verify(hc1 + String(repeating: "0", count: leftover == 0 ? 3 : leftover))
        #expect(short.error?.code == .base45InvalidLength)
        // Padding or line ends are not Base45 characters, refused by length or by character.
        for suffix in ["=", "==", "===", "\n", "\r\n"] {
            let result = verify(hc1 + suffix)
            #expect(!result.isValid, "suffix \(suffix.debugDescription)")
            #expect(
                [.base45InvalidLength, .base45InvalidCharacter].contains(result.error?.code),
                "suffix \(suffix.debugDescription): \(String(describing: result.error))")
        }
        #expect(verify(hc1 + "===").error?.code == .base45InvalidCharacter)
    }

    @Test func anyAppendedTextIsRefused() throws {
        let hc1 = try fixture.issue()
        for suffix in Base45.alphabet.map({ String(UnicodeScalar($0)) }) + ["00", "000", " ", "  ", "%%%"] {
            #expect(!verify(hc1 + suffix).isValid, "suffix \(suffix.debugDescription)")
        }
    }

    /// Base45 decoding is one-to-one: text that decodes is exactly the encoding of what it decodes to.
    @Test func base45TextThatDecodesIsTheOnlyEncodingOfItsBytes() throws {
        var generator = SystemRandomNumberGenerator()
        var decoded = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...9, using: &generator)
            let text = String((0..<length).map { _ in Character(UnicodeScalar(Base45.alphabet.randomElement()!)) })
            guard let bytes = try? Base45.decode(text) else { continue }
            #expect(Base45.encode(bytes) == text)
            decoded += 1
        }
        #expect(decoded > 1000)
    }
}
