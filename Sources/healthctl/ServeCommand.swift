import ArgumentParser
import Foundation
import HealthAPI
import HealthSQLite
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

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The TCP port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .long, help: "The log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \(logLevel) is not a log level.")
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
            hostname: host,
            port: port,
            logLevel: logLevel
        )
        let services = try HealthServiceSet(configuration.storage, issuer: configuration.issuer)
        let app = try await buildApplication(configuration, services: services) { address in
            // Written unbuffered: scripts wait for this line to know the server is up.
            let line =
                "healthctl \(HealthServicesVersion.current) listening on http://\(address) (data: \(dataDirectory.data))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        try await app.runService()
    }
}
