import ArgumentParser
import Certificates
import Foundation
import HealthServices

/// `healthctl valuesets ...`: the value sets coded members are checked against and entry rules read.
struct ValueSetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valuesets",
        abstract: "Replace the EU value sets border checks use.",
        subcommands: [ValueSetsImportCommand.self]
    )
}

/// `healthctl valuesets import FILE`: replaces the value sets in use (audited).
struct ValueSetsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import value sets (value-set id → codes, or the gateway's value-set objects); they replace the ones in use."
    )

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The value sets file (JSON).")
    var file: String

    func run() async throws {
        let valueSets = try ValueSets(data: try InputFile.read(file, option: "FILE"))
        try await options.withServices { try await $0.borderLists.importValueSets(valueSets, by: options.principal) }
        let codes = valueSets.codes.values.reduce(0) { $0 + $1.count }
        if options.json { return try options.printJSON(["valueSets": valueSets.codes.count, "codes": codes]) }
        print("imported \(valueSets.codes.count) value sets holding \(codes) codes")
    }
}
