import ContactTracing
import CryptoCore
import Foundation
import Testing

/// The key HMAC in the reference servers' format and ES256 verification certificates.
@Suite struct VerificationCertificateTests {
    static func key(_ byte: UInt8, start: UInt32, risk: Int = 0) throws -> DiagnosisKey {
        try DiagnosisKey(
            key: TemporaryExposureKey(keyData: [UInt8](repeating: byte, count: 16)),
            rollingStartIntervalNumber: ENIntervalNumber(rawValue: start), transmissionRiskLevel: risk)
    }

    /// Pinned with Python's hmac module over the reference format: sorted `base64.start.period.risk` lines.
    @Test func tekmacMatchesTheReferenceFormat() throws {
        let keys = [try Self.key(2, start: 2_650_176, risk: 4), try Self.key(1, start: 2_650_032)]
        #expect(
            String(decoding: TEKMAC.message(for: keys), as: UTF8.self)
                == "AQEBAQEBAQEBAQEBAQEBAQ==.2650032.144.0,AgICAgICAgICAgICAgICAg==.2650176.144.4")
        let secret = [UInt8](repeating: 0x0b, count: 32)
        let code = TEKMAC.authenticationCode(for: keys, secret: secret)
        #expect(Data(code).base64EncodedString() == "38WW3kcmXPdykmKIFw01iwtpbA9L9gu/O1FfFGJgnlk=")
        #expect(TEKMAC.isValid(code, for: keys.reversed(), secret: secret))
        #expect(!TEKMAC.isValid(code, for: [keys[0]], secret: secret))
        #expect(!TEKMAC.isValid(code, for: keys, secret: [1]))
    }

    static func claims(expiresAt: Int64 = 2_000) -> VerificationClaims {
        VerificationClaims(
            issuer: "bh.moh", issuedAt: 1_000, expiresAt: expiresAt, reportType: .confirmed,
            symptomOnsetInterval: 2_650_032, tekmac: "38WW3kcmXPdykmKIFw01iwtpbA9L9gu/O1FfFGJgnlk=")
    }

    @Test func aSignedCertificateVerifiesAndKeepsItsClaims() throws {
        let key = try P256PrivateKey()
        let certificate = try VerificationCertificate.sign(
            Self.claims(), keyID: "v1", with: P256Signer(privateKey: key))
        #expect(certificate.split(separator: ".").count == 3)
        let claims = try VerificationCertificate.verify(certificate, keys: ["v1": key.publicKey], at: 1_500)
        #expect(claims == Self.claims())
        let payload = try #require(certificate.split(separator: ".").dropFirst().first)
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let payloadJSON = try #require(Data(base64Encoded: base64))
        let json = try #require(try JSONSerialization.jsonObject(with: payloadJSON) as? [String: Any])
        #expect(json["aud"] as? String == "exposure-notifications-server")
        #expect(Set(json.keys) == ["iss", "aud", "iat", "exp", "reportType", "symptomOnsetInterval", "tekmac"])
    }

    @Test func expiredForeignAndTamperedCertificatesAreRefused() throws {
        let key = try P256PrivateKey()
        let signer = try P256Signer(privateKey: key)
        let certificate = try VerificationCertificate.sign(Self.claims(), keyID: "v1", with: signer)
        let expired = #expect(throws: ContactTracingError.self) {
            try VerificationCertificate.verify(certificate, keys: ["v1": key.publicKey], at: 2_000)
        }
        #expect(expired?.code == .certificateExpired)
        let foreign = #expect(throws: ContactTracingError.self) {
            try VerificationCertificate.verify(certificate, keys: ["v1": try P256PrivateKey().publicKey], at: 1_500)
        }
        #expect(foreign?.code == .invalidCertificate)
        var other = Self.claims()
        other.audience = "someone-else"
        let wrongAudience = try VerificationCertificate.sign(other, keyID: "v1", with: signer)
        let audience = #expect(throws: ContactTracingError.self) {
            try VerificationCertificate.verify(wrongAudience, keys: ["v1": key.publicKey], at: 1_500)
        }
        #expect(audience?.code == .invalidCertificate)
        let parts = certificate.split(separator: ".")
        let swapped = [parts[0], Substring(wrongAudience.split(separator: ".")[1]), parts[2]].joined(separator: ".")
        for bad in [swapped, "a.b", "", certificate + "x"] {
            let error = #expect(throws: ContactTracingError.self) {
                try VerificationCertificate.verify(bad, keys: ["v1": key.publicKey], at: 1_500)
            }
            #expect(error?.code == .invalidCertificate)
        }
    }

    /// Base64url has one spelling per byte string: a signature whose last character carries stray low bits
    /// decodes to the same bytes under a lenient reader, and would make a used certificate look new.
    @Test func aCertificateWithAnotherSpellingOfItsSignatureIsRefused() throws {
        let key = try P256PrivateKey()
        let certificate = try VerificationCertificate.sign(
            Self.claims(), keyID: "v1", with: P256Signer(privateKey: key))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let last = try #require(certificate.last)
        let value = try #require(alphabet.firstIndex(of: last))
        // 64 signature bytes take 86 characters, the last of which carries 2 bits of data and 4 stray ones.
        let respelled = String(certificate.dropLast()) + String(alphabet[value | 0x01])
        #expect(respelled != certificate)
        let error = #expect(throws: ContactTracingError.self) {
            try VerificationCertificate.verify(respelled, keys: ["v1": key.publicKey], at: 1_500)
        }
        #expect(error?.code == .invalidCertificate)
        for bad in [certificate + "=", certificate.replacingOccurrences(of: "-", with: "+")] where bad != certificate {
            #expect(throws: ContactTracingError.self) {
                try VerificationCertificate.verify(bad, keys: ["v1": key.publicKey], at: 1_500)
            }
        }
    }

    @Test func daysSinceOnsetCountUTCDaysFromTheOnsetDay() throws {
        let claims = Self.claims()
        #expect(claims.daysSinceOnset(of: try Self.key(1, start: 2_650_032 - 3 * 144)) == -3)
        #expect(claims.daysSinceOnset(of: try Self.key(1, start: 2_650_032 + 2 * 144)) == 2)
        #expect(claims.daysSinceOnset(of: try Self.key(1, start: 2_650_032 - 15 * 144)) == nil)
    }
}
