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

    /// Runs `body` with the services over the storage the options name, and returns what it returns; nothing of
    /// the storage (connection pools, database threads' work) runs once this returns (see
    /// ``DataDirectoryOptions/withServices(issuer:exposure:logger:_:)``).
    func withServices<T>(
        exposure: ExposureConfiguration = .init(), orderPolicy: OrderPolicy = .init(),
        _ body: (HealthServiceSet) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "healthctl")
        logger.logLevel = .error
        return try await dataDirectory.withServices(
            exposure: exposure, orderPolicy: orderPolicy, logger: logger, body)
    }

    /// The principal the services audit this command's changes under.
    var principal: Principal {
        let name = actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "operator"
        return .commandLine(operatorName: name)
    }

    /// Says on standard error (so JSON output stays whole) that a list as long as its limit may have more behind it.
    func noteIfCut(_ count: Int, limit: Int) {
        guard ListLimit.isReached(by: count, limit: limit) else { return }
        FileHandle.standardError.write(
            Data("healthctl: note: the first \(limit) are listed; there may be more (--limit)\n".utf8))
    }

    /// Prints `value` as compact JSON with sorted keys.
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
