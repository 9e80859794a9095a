import Foundation
import Testing

@testable import HealthServices

/// A used certificate is recognised whatever its encoding (issue 21). The phone's resend of a publish whose answer
/// it never got is answered again, with the same revision token, while nothing has been published to its upload
/// since; after that, the certificate is used.
@Suite struct UsedCertificateTests {
    static func publish(_ body: String, _ fixture: KeyServerFixture) async throws -> PublishReceipt {
        try await fixture.uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))
    }

    @Test(arguments: StorageBackend.allCases) func aResendIsAnsweredAgainUntilTheUploadMovesOn(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let phone = TestPhone(days: 1...2, now: fixture.now)
        let certificate = try await fixture.certificate(for: phone)
        let body = phone.publishBody(certificate: certificate)
        let first = try await Self.publish(body, fixture)

        let resent = try await Self.publish(body, fixture)
        #expect(resent.insertedExposures == first.insertedExposures && resent.revisionToken == first.revisionToken)
        #expect(try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM uploads") == 1)
        let revised = try await fixture.publish(phone, revisionToken: resent.revisionToken)
        #expect(revised.revisionToken != first.revisionToken)

        // Published to since: the first certificate, in either of its encodings, is used.
        for encoding in [certificate, try Self.withNegatedS(certificate)] {
            let refused = await #expect(throws: ServiceError.self) {
                try await Self.publish(phone.publishBody(certificate: encoding), fixture)
            }
            #expect(refused?.code == .certificateUsed)
        }
        _ = try await fixture.publish(phone, revisionToken: revised.revisionToken)
        #expect(
            try await fixture.harness.storage.count(
                in: .exposure, "SELECT count FROM daily_counts WHERE metric = 'publishes'") == 3)
    }

    /// The P-256 group order n.
    static let order = [UInt8](
        Data(base64Encoded: "/////wAAAAD//////////7zm+q2nF56E87nKwvxjJVE=") ?? Data())

    /// The compact JWS with its signature's s replaced by n − s (big-endian subtraction of 32-byte numbers).
    static func withNegatedS(_ certificate: String) throws -> String {
        let parts = certificate.split(separator: ".").map(String.init)
        var base64 = parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let signature = [UInt8](try #require(Data(base64Encoded: base64)))
        var negated = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            let difference = Int(order[index]) - Int(signature[32 + index]) - borrow
            negated[index] = UInt8((difference + 256) % 256)
            borrow = difference < 0 ? 1 : 0
        }
        let encoded = Data(signature.prefix(32) + negated).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return parts[0] + "." + parts[1] + "." + encoded
    }
}
