import ArgumentParser
import Foundation
import HealthSQLite
import HealthServices

/// Options every operator command shares: the data directory, the audit name, and JSON output.
struct OperatorOptions: ParsableArguments {
    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The operator name the audit log records (default: $USER, else 'operator').")
    var actor: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    /// The services over the data directory's databases.
    func services() throws -> HealthServiceSet {
        try HealthServiceSet(.directory(dataDirectory.data))
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
