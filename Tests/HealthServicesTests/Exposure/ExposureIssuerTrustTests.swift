import ContactTracing
import CryptoCore
import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

/// Another operator's verification server feeding our key server: its key, once trusted (audited), makes its
/// certificates publish as ours do, checked exactly alike; nothing else it signs gets through.
@Suite struct ExposureIssuerTrustTests {
    static let issuer = "other.health"
    static let principal = Principal.commandLine(operatorName: "trust-test")

    @Test func aTrustedServersCertificatesPublishAndNothingElseItSignsDoes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let console = try HealthServiceSet(.directory(directory.path))
        let foreign = try P256PrivateKey()
        let trust = ExposureKeyService(
            store: console.stores.records, keys: ExposureKeyStore(dataDirectory: directory), clock: .system)
        try await trust.trust(
            issuer: Self.issuer, kid: "k7", publicKeyPEM: foreign.publicKey.pemRepresentation, by: Self.principal)
        #expect(try await console.audit.latest(limit: 1).first?.action == "exposure-issuer.trust")

        for (issuer, kid, pem, code) in [
            (Self.issuer, "k7", foreign.publicKey.pemRepresentation, ServiceError.Code.keyAlreadyTrusted),
            ("../etc", "k1", foreign.publicKey.pemRepresentation, .invalidIssuer),
            (Self.issuer, ".hidden", foreign.publicKey.pemRepresentation, .invalidKid),
            (Self.issuer, "k9", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", .invalidTrustedKey),
        ] {
            let refused = await #expect(throws: ServiceError.self) {
                try await trust.trust(issuer: issuer, kid: kid, publicKeyPEM: pem, by: Self.principal)
            }
            #expect(refused?.code == code, "\(issuer) \(kid)")
        }
        #expect(try await console.audit.latest(limit: 5).filter { $0.action == "exposure-issuer.trust" }.count == 1)
        // A trust interrupted before its audit leaves its pending file: a retry says so, not that the kid is trusted.
        let pending = directory.appendingPathComponent("keys/exposure/trusted/\(Self.issuer)/.k8.pending")
        try Data("interrupted".utf8).write(to: pending)
        let interrupted = await #expect(throws: ServiceError.self) {
            try await trust.trust(
                issuer: Self.issuer, kid: "k8", publicKeyPEM: foreign.publicKey.pemRepresentation, by: Self.principal)
        }
        #expect(interrupted?.detail.contains("interrupted") == true, "\(interrupted?.detail ?? "")")
        try FileManager.default.removeItem(at: pending)

        // A server started now reads the trusted key.
        let server = try HealthServiceSet(.directory(directory.path))
        #expect(server.exposureKeys.publicKeys(region: "426").trustedCertificateKeys.map(\.kid) == ["k7"])
        let accepted = TestPhone(days: 1...3)
        let receipt = try await Self.publish(
            accepted, certificate: Self.certificate(for: accepted, issuer: Self.issuer, kid: "k7", key: foreign),
            on: server)
        #expect(receipt.insertedExposures == 3)

        let stranger = try P256PrivateKey()
        for (issuer, kid, key) in [
            (Self.issuer, "k8", foreign),  // a kid not trusted for the issuer
            ("bh.moh", "k7", foreign),  // the key is trusted for its issuer only
            (Self.issuer, "k7", stranger),  // signed by another key
        ] {
            let phone = TestPhone(days: 1...2)
            let refused = await #expect(throws: ServiceError.self) {
                try await Self.publish(
                    phone, certificate: Self.certificate(for: phone, issuer: issuer, kid: kid, key: key), on: server)
            }
            #expect(refused?.code.rawValue == "invalid-certificate", "\(issuer) \(kid)")
        }
    }

    /// A certificate as a verification server signs it: ES256 with `kid` in its header, our audience.
    static func certificate(for phone: TestPhone, issuer: String, kid: String, key: P256PrivateKey) throws -> String {
        let now = WallClock.system.now().secondsSinceEpoch
        let claims = VerificationClaims(
            issuer: issuer, issuedAt: now - 5, notBefore: now - 5, expiresAt: now + 600, reportType: .confirmed,
            symptomOnsetInterval: UInt32(now / 600), tekmac: phone.hmac)
        return try VerificationCertificate.sign(claims, keyID: kid, with: P256Signer(privateKey: key))
    }

    static func publish(_ phone: TestPhone, certificate: String, on services: HealthServiceSet) async throws
        -> PublishReceipt
    {
        let request = try JSONDecoder().decode(
            PublishRequest.self, from: Data(phone.publishBody(certificate: certificate).utf8))
        return try await services.exposureUploads.publish(request)
    }
}
