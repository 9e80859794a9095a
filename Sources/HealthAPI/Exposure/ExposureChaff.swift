import CryptoCore
import Foundation
import HTTPTypes
import HealthServices
import Hummingbird

/// Chaff: requests apps send now and then with `X-Chaff` so that an observer of the network cannot tell a real
/// upload from noise. Their body is read as a real one's and not acted on: nothing is stored or logged, and they
/// get an answer of the real shape and size, after about the time a real one takes (``ChaffPacer``).
enum ExposureChaff {
    static let header = HTTPField.Name("X-Chaff")!

    /// Whether the request is chaff.
    static func isChaff(_ request: Request) -> Bool {
        request.headers[header].map { !$0.isEmpty } ?? false
    }

    static func tokenGrant(at now: Timestamp) -> TokenGrant {
        TokenGrant(
            token: ExposureSecret.make(), testType: "confirmed", symptomDate: nil,
            testDate: now.adding(seconds: -2 * 86_400).date.iso8601,
            expiresAt: now.adding(seconds: VerificationToken.lifetimeSeconds))
    }

    /// A random string as long as a real certificate, in its three-part form.
    static func certificateGrant(at now: Timestamp) -> CertificateGrant {
        let parts = [36, 290, 86].map(randomBase64URL)
        return CertificateGrant(
            certificate: parts.joined(separator: "."),
            expiresAt: now.adding(seconds: ExposureUploadService.certificateLifetimeSeconds))
    }

    static func publishReceipt() -> PublishReceipt {
        PublishReceipt(revisionToken: ExposureSecret.make(), insertedExposures: 14)
    }

    private static func randomBase64URL(_ count: Int) -> String {
        let text = Data(SecureRandom.bytes(count: count)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return String(text.prefix(count))
    }
}
