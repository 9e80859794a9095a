import Foundation
import PostgresNIO

/// Where a PostgreSQL database is, from a `postgres://USER@HOST:PORT/DB` URL; the password comes separately
/// (from the environment), never from the URL or a flag.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public let user: String
    public let host: String
    public let port: Int
    public let database: String
    public let password: String?
    /// TLS to the server, from the URL's `sslmode` and `sslrootcert`.
    public var tls = PostgresTLS.disabled

    /// Connections the pool keeps open at most.
    public var maximumConnections = 20

    public init(user: String, host: String, port: Int = 5432, database: String, password: String?) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.password = password
    }

    /// Parses `postgres://USER@HOST[:PORT]/DB[?sslmode=MODE[&sslrootcert=FILE]]` (or `postgresql://`); nil for
    /// anything else, including a URL that carries a password, another query parameter, or `sslrootcert` without
    /// an `sslmode` that uses it.
    public init?(url text: String, password: String?) {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme),
            components.password == nil, components.fragment == nil,
            let user = components.user, !user.isEmpty, let host = components.host, !host.isEmpty
        else { return nil }
        let database = String(components.path.dropFirst())
        guard components.path.hasPrefix("/"), !database.isEmpty, !database.contains("/") else { return nil }
        if let port = components.port, !(1...65_535).contains(port) { return nil }
        guard let tls = Self.tls(components.queryItems ?? []) else { return nil }
        self.init(user: user, host: host, port: components.port ?? 5432, database: database, password: password)
        self.tls = tls
    }

    /// The TLS the query asks for; nil for an unknown or repeated parameter, an unknown mode, or a root file with
    /// plain TCP.
    private static func tls(_ items: [URLQueryItem]) -> PostgresTLS? {
        guard Set(items.map(\.name)).count == items.count,
            items.allSatisfy({ ["sslmode", "sslrootcert"].contains($0.name) && !($0.value ?? "").isEmpty })
        else { return nil }
        let modeName = items.first { $0.name == "sslmode" }?.value ?? PostgresTLS.Mode.disable.rawValue
        let root = items.first { $0.name == "sslrootcert" }?.value
        guard let mode = PostgresTLS.Mode(rawValue: modeName), !(mode == .disable && root != nil) else { return nil }
        return PostgresTLS(mode: mode, rootCertificateFile: root)
    }

    /// This location without its password, safe to log and print.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" + tls.query }

    /// The same server and user, another database on it.
    public func database(_ name: String) -> PostgresLocation {
        var location = PostgresLocation(user: user, host: host, port: port, database: name, password: password)
        location.maximumConnections = maximumConnections
        location.tls = tls
        return location
    }

    var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls.clientTLS)
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }
}
