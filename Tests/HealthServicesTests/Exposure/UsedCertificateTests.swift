import Foundation
import Testing

@testable import HealthServices

/// A used certificate is recognised whatever its encoding (issue 21).
@Suite struct UsedCertificateTests {
    /// ECDSA's (r, n − s) verifies as (r, s) does: the same certificate sent so is refused as used.
    @Test(arguments: StorageBackend.allCases) func aCertificateReencodedWithTheOtherSIsRefusedAsUsed(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let phone = TestPhone(days: 1...2, now: fixture.now)
        let certificate = try await fixture.certificate(for: phone)
        let body = phone.publishBody(certificate: certificate)
        _ = try await fixture.uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))

        let reencoded = try Self.withNegatedS(certificate)
        #expect(reencoded != certificate)
        let again = phone.publishBody(certificate: reencoded)
        let refused = await #expect(throws: ServiceError.self) {
            try await fixture.uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(again.utf8)))
        }
        #expect(refused?.code == .certificateUsed)
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
