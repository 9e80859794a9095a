import ArgumentParser
import Foundation
import HealthPostgres
import HealthSQLite
import HealthServices
import Logging

/// Options every operator command shares: the data directory, the audit name, and JSON output.
struct OperatorOptions: ParsableArguments {
    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The operator name the audit log records (default: $USER, else 'operator').")
    var actor: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    /// The services over the storage the options name. On PostgreSQL the schemas are migrated first and the
    /// connection pools run in a task for the rest of the process, which is the command's lifetime.
    func services(exposure: ExposureConfiguration = .init()) async throws -> HealthServiceSet {
        var logger = Logger(label: "healthctl")
        logger.logLevel = .error
        guard let storage = dataDirectory.postgresStorage(logger: logger) else {
            return try HealthServiceSet(.directory(dataDirectory.data), exposure: exposure)
        }
        Task { await storage.run() }
        try await storage.migrate()
        return try HealthServiceSet(postgres: storage, keys: .directory(dataDirectory.data), exposure: exposure)
    }

    /// The principal the services audit this command's changes under.
    var principal: Principal {
        let name = actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "operator"
        return .commandLine(operatorName: name)
    }

    /// Prints `value` as compact JSON with sorted keys.
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
