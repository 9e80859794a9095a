import ArgumentParser
import Foundation
import HTTPTypes
import HealthAPI
import HealthServices
import Hummingbird
import Logging

/// `healthctl serve`: runs the HTTP API until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API server (creates the data directory and databases on first start)."
    )

    @OptionGroup var dataDirectory: DataDirectoryOptions

    @OptionGroup var exposure: ExposureOptions

    @OptionGroup var orderPolicy: OrderPolicyOptions

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The TCP port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .long, help: "The log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .long, help: "Seconds a connection may sit with no request in progress before it is closed.")
    var idleTimeout: Int = 30

    @Option(
        name: .long,
        help: "Seconds a request's head may take to arrive, from the connection's opening or the request's first byte.")
    var requestHeadTimeout: Int = 10

    @Option(name: .long, help: "Seconds a request's body may take to arrive after its head.")
    var requestBodyTimeout: Int = 60

    @Option(name: .long, help: "Connections served at once; more wait in the listen queue until one closes.")
    var maxConnections: Int = 2048

    @Option(
        name: .long,
        help: "Connections one client address may hold open at once; more from it are closed as they open.")
    var maxConnectionsPerClient: Int = 64

    @Option(
        name: .long,
        help: """
            The header a proxy in front of the server names the client's address in, such as X-Forwarded-For (its \
            last address is taken): what the limit on wrong exposure verification codes per client counts by. \
            Default: none, the connection's address.
            """)
    var clientAddressHeader: String?

    @Option(
        name: .long,
        help: """
            A second port on --host answering only /healthz, /readyz and /metrics, for probes and monitoring that \
            must get through while the public port is saturated (0 picks a free one). Default: none.
            """)
    var opsPort: Int?

    @Option(
        name: .long,
        help: """
            The server's public URL, the iss of the SMART Health Cards it issues (verifiers fetch \
            <url>/.well-known/jwks.json); kept with the keys, so commands sharing the data directory issue the same. \
            Default: the one kept, else http://127.0.0.1:8080.
            """)
    var publicURL: String?

    func validate() throws {
        if let publicURL {
            guard let url = URL(string: publicURL), url.scheme == "https" || url.scheme == "http", url.host != nil,
                url.query == nil, !publicURL.hasSuffix("/")
            else {
                throw ValidationError("--public-url must be an http(s) URL with no query and no trailing /.")
            }
        }
        for (name, value) in [("--port", port), ("--ops-port", opsPort)] {
            if let value, !(0...65_535).contains(value) {
                throw ValidationError("\(name) must be between 0 and 65535.")
            }
        }
        if let opsPort, opsPort == port, port != 0 {
            throw ValidationError("--ops-port must differ from --port: each is a listener of its own.")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \(logLevel) is not a log level.")
        }
        for (name, seconds) in [
            ("--idle-timeout", idleTimeout), ("--request-head-timeout", requestHeadTimeout),
            ("--request-body-timeout", requestBodyTimeout),
        ] where !(1...86_400).contains(seconds) {
            throw ValidationError("\(name) must be between 1 and 86400 seconds.")
        }
        guard (1...1_000_000).contains(maxConnections) else {
            throw ValidationError("--max-connections must be between 1 and 1000000.")
        }
        guard (1...maxConnections).contains(maxConnectionsPerClient) else {
            throw ValidationError("--max-connections-per-client must be between 1 and --max-connections.")
        }
        if let clientAddressHeader, HTTPField.Name(clientAddressHeader) == nil {
            throw ValidationError("--client-address-header must be an HTTP header name.")
        }
    }

    func run() async throws {
        let logLevel = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let configuration = AppConfiguration(
            storage: .directory(dataDirectory.data),
            issuer: AppConfiguration.Issuer(publicURL: publicURL),
            hostname: host,
            port: port,
            logLevel: logLevel,
            exposure: exposure.configuration,
            connectionLimits: ConnectionLimits(
                idleTimeout: .seconds(idleTimeout), requestHeadTimeout: .seconds(requestHeadTimeout),
                requestBodyTimeout: .seconds(requestBodyTimeout), maxConnections: maxConnections,
                maxConnectionsPerClient: maxConnectionsPerClient),
            opsPort: opsPort,
            clientAddressHeader: clientAddressHeader
        )
        var storageLogger = Logger(label: "health-storage")
        // Never trace: postgres-nio traces every message from the server, rows of personal data among them.
        storageLogger.logLevel = max(logLevel, .debug)
        try await dataDirectory.withServices(
            issuer: configuration.issuer, exposure: configuration.exposure, orderPolicy: orderPolicy.policy,
            logger: storageLogger
        ) { services in
            let app = try await buildApplication(
                configuration, services: services,
                onServerRunning: { address in
                    // Written unbuffered: scripts wait for this line to know the server is up.
                    let line =
                        "healthctl \(HealthServicesVersion.current) listening on http://\(address) "
                        + "(\(dataDirectory.storageDescription))\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                },
                onOpsServerRunning: { address in
                    FileHandle.standardOutput.write(Data("healthctl operations listening on http://\(address)\n".utf8))
                })
            try await app.runService()
        }
    }
}
