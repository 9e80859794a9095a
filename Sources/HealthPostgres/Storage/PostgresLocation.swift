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

    /// Connections the pool keeps open at most.
    public var maximumConnections = 20

    public init(user: String, host: String, port: Int = 5432, database: String, password: String?) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.password = password
    }

    /// Parses `postgres://USER@HOST[:PORT]/DB` (or `postgresql://`); nil for anything else, including a URL that
    /// carries a password or query parameters.
    public init?(url text: String, password: String?) {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme),
            components.password == nil, components.query == nil, components.fragment == nil,
            let user = components.user, !user.isEmpty, let host = components.host, !host.isEmpty
        else { return nil }
        let database = String(components.path.dropFirst())
        guard components.path.hasPrefix("/"), !database.isEmpty, !database.contains("/") else { return nil }
        if let port = components.port, !(1...65_535).contains(port) { return nil }
        self.init(user: user, host: host, port: components.port ?? 5432, database: database, password: password)
    }

    /// This location without its password, safe to log and print.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The same server and user, another database on it.
    public func database(_ name: String) -> PostgresLocation {
        var location = PostgresLocation(user: user, host: host, port: port, database: name, password: password)
        location.maximumConnections = maximumConnections
        return location
    }

    var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }
}
