import NIOSSL
import PostgresNIO

/// How the connection to PostgreSQL is secured, named as libpq names it in a URL's `sslmode` and `sslrootcert`.
///
/// The TLS itself is postgres-nio's (swift-nio-ssl), which postgres-nio links in whatever we configure; everything
/// the application signs, seals or hashes stays on OpenSSL.
public struct PostgresTLS: Sendable, Hashable {
    /// The `sslmode` values accepted, spelled as libpq spells them. libpq's `allow` and `prefer` are refused, and a URL
    /// with no `sslmode` means `disable`.
    public enum Mode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// Encrypted; the server's certificate is checked only when `sslrootcert` names the CAs (as libpq does).
        case require
        /// Encrypted, the server's certificate chaining to a trusted CA.
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate names the host connected to.
        case verifyFull = "verify-full"
    }

    public let mode: Mode
    /// A PEM file of the CAs to trust; nil: the system's.
    public let rootCertificateFile: String?

    public static let disabled = PostgresTLS(mode: .disable, rootCertificateFile: nil)

    public init(mode: Mode, rootCertificateFile: String?) {
        self.mode = mode
        self.rootCertificateFile = rootCertificateFile
    }

    /// The URL query that states this, empty for plain TCP.
    var query: String {
        guard mode != .disable else { return "" }
        return "?sslmode=\(mode.rawValue)" + (rootCertificateFile.map { "&sslrootcert=\($0)" } ?? "")
    }

    var clientTLS: PostgresClient.Configuration.TLS {
        guard mode != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.trustRoots = rootCertificateFile.map { .file($0) } ?? .default
        switch mode {
        case .disable, .require:
            configuration.certificateVerification = rootCertificateFile == nil ? .none : .noHostnameVerification
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        return .require(configuration)
    }
}
