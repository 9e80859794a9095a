public import Logging

/// Everything the server needs to start, built once (by `healthctl serve` or a test) and passed down.
public struct AppConfiguration: Sendable {
    /// Where the databases live.
    public enum Storage: Sendable, Hashable {
        /// `health.sqlite` and `exposure.sqlite` in this directory, created on first start.
        case directory(String)
        /// Private in-memory databases, for tests.
        case memory
    }

    public var storage: Storage
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level

    public init(
        storage: Storage = .directory("./data"),
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        logLevel: Logger.Level = .info
    ) {
        self.storage = storage
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
    }
}
