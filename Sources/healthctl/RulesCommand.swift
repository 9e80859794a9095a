import ArgumentParser
import Certificates
import Foundation

/// `healthctl rules ...`: the entry rules (CertLogic) border checks hold certificates to.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Import, list, remove, test and evaluate entry rules (CertLogic business rules).",
        subcommands: [
            RulesImportCommand.self, RulesListCommand.self, RulesRemoveCommand.self, RulesTestCommand.self,
            RulesEvaluateCommand.self,
        ]
    )
}

/// `healthctl rules evaluate --logic FILE --data FILE`: the value a CertLogic expression gives on some data.
struct RulesEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract:
            "Print the JSON value a CertLogic expression gives on the data (exit 1 with invalid-rule if it has none)."
    )

    @Option(name: .long, help: "The CertLogic expression (JSON).")
    var logic: String

    @Option(name: .long, help: "The data (JSON), e.g. {\"payload\": ..., \"external\": ...}.")
    var data: String

    func run() throws {
        let json = try EntryRules.readJSON(URL(fileURLWithPath: logic))
        let value = try EntryRules.readJSON(URL(fileURLWithPath: data))
        let result: JSONValue
        do {
            result = try CertLogicExpression(json).evaluate(value)
        } catch {
            throw CertificateError(.invalidRule, error.message)
        }
        FileHandle.standardOutput.write(try RulesCommand.jsonLine(result))
    }
}

/// `healthctl rules test DIR [--json]`: every rule below DIR against its tests.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every <ID>/rule.json below a folder against its tests/*.json (exit 1 when one fails)."
    )

    @Argument(help: "The folder of rules, e.g. a country's folder of the gateway's rule test data.")
    var directory: String

    @Flag(name: .long, help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let report = RuleTestReport(directory: URL(fileURLWithPath: directory))
        if json {
            FileHandle.standardOutput.write(try RulesCommand.jsonLine(report))
        } else {
            for failure in report.failures {
                let test = failure.test.map { " \($0)" } ?? ""
                let name = failure.name.map { " (\($0))" } ?? ""
                let why =
                    failure.error
                    ?? "expected \(RulesCommand.text(failure.expected)), got \(RulesCommand.text(failure.actual))"
                print("FAILED \(failure.rule)\(test)\(name): \(why)")
            }
            print(
                "\(report.rules) rules, \(report.tests) tests: \(report.passed) passed, "
                    + "\(report.failures.count) failed")
        }
        if !report.allPassed { throw ExitCode.failure }
    }
}

extension RulesCommand {
    /// One line of JSON, slashes unescaped.
    static func jsonLine(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    static func text(_ value: JSONValue?) -> String {
        guard let value, let data = try? jsonLine(value) else { return "nothing" }
        return String(decoding: data.dropLast(), as: UTF8.self)
    }
}
