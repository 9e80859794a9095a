public import Foundation
public import Logging

/// Everything the server needs to start, built once (by `healthctl serve` or a test) and passed down.
public struct AppConfiguration: Sendable {
    /// Where the databases live.
    public enum Storage: Sendable, Hashable {
        /// `health.sqlite` and `exposure.sqlite` in this directory, created on first start.
        case directory(String)
        /// Private in-memory databases, for tests.
        case memory

        /// `DATA/exports`, where the export job mirrors its files for a static server; nil in memory.
        public var exportMirrorDirectory: URL? {
            guard case .directory(let path) = self else { return nil }
            return URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent("exports")
        }
    }

    /// Who signs the certificates the services issue.
    public struct Issuer: Sendable, Hashable {
        /// ISO 3166-1 alpha-2: the CWT `iss`, the DCC `co` of doses given here, and the country of new keys.
        public var country: String
        /// The DCC `is` field: the authority that issues the certificates.
        public var name: String
        /// The server's public URL, the `iss` of the SMART Health Cards it issues (verifiers fetch
        /// `<url>/.well-known/jwks.json`); nil keeps the one stored with the keys, else `http://127.0.0.1:8080`.
        public var publicURL: String?

        public init(
            country: String = "BH", name: String = "Ministry of Health, Kingdom of Bahrain", publicURL: String? = nil
        ) {
            self.country = country
            self.name = name
            self.publicURL = publicURL
        }
    }

    public var storage: Storage
    public var issuer: Issuer
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level
    public var exposure: ExposureConfiguration
    /// Timeouts for slow and idle clients and the cap on open connections.
    public var connectionLimits: ConnectionLimits
    /// A second port on `hostname` answering only `/healthz`, `/readyz` and `/metrics`, so probes and monitoring
    /// reach the server while the public port is saturated (0 picks a free one); nil for none.
    public var opsPort: Int?
    /// The request header a proxy in front of the server names the client's address in (its last address is
    /// taken); nil when clients connect directly. What per-client limits count by.
    public var clientAddressHeader: String?

    public init(
        storage: Storage = .directory("./data"),
        issuer: Issuer = Issuer(),
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        logLevel: Logger.Level = .info,
        exposure: ExposureConfiguration = .init(),
        connectionLimits: ConnectionLimits = ConnectionLimits(),
        opsPort: Int? = nil,
        clientAddressHeader: String? = nil
    ) {
        self.storage = storage
        self.issuer = issuer
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
        self.exposure = exposure
        self.connectionLimits = connectionLimits
        self.opsPort = opsPort
        self.clientAddressHeader = clientAddressHeader
    }
}
