import ArgumentParser
import Certificates
import Foundation
import HealthServices

/// `healthctl rules import FILE|DIR`: gateway rule objects, every one checked as valid CertLogic before any is
/// stored (audited).
struct RulesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import entry rules: a rule JSON file, an array of them, or a folder of <ID>/rule.json (all or none)."
    )

    @OptionGroup var options: OperatorOptions

    @Argument(help: "A rule file or a folder of rules.")
    var path: String

    func run() async throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            try InputFile.checkReadable(path, option: "PATH")
        }
        let rules: [EntryRule]
        if isDirectory.boolValue {
            rules = try EntryRules.rules(inDirectory: url).map(\.rule)
        } else if case .array(let objects) = try EntryRules.readJSON(url) {
            rules = try objects.map { json throws(CertificateError) in try EntryRule(json: json) }
        } else {
            rules = [try EntryRule(json: try EntryRules.readJSON(url))]
        }
        try await options.withServices { try await $0.borderLists.importRules(rules, by: options.principal) }
        if options.json { return try options.printJSON(rules.map { RulesListCommand.Listed($0, imported: true) }) }
        print(
            "imported \(rules.count) rules: " + rules.map { "\($0.identifier) \($0.version)" }.joined(separator: ", "))
    }
}

/// `healthctl rules list`: the rules in force or to come, shipped and imported.
struct RulesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the entry rules, shipped and imported."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "Only this country's rules (ISO 3166 alpha-2).")
    var country: String?

    struct Listed: Encodable {
        let identifier, type, country, version, certificateType, validFrom, validTo, origin, description: String

        init(_ rule: EntryRule, imported: Bool) {
            identifier = rule.identifier
            type = rule.kind.rawValue
            country = rule.country
            version = rule.version.description
            certificateType = rule.scope.rawValue
            validFrom = ISO8601.format(rule.validFrom)
            validTo = ISO8601.format(rule.validTo)
            origin = imported ? "imported" : "shipped"
            description = rule.description(in: "en")
        }
    }

    func run() async throws {
        let lists = try await options.withServices { try await $0.borderLists.current() }
        let listed = lists.rules.rules.filter { country == nil || $0.country == country }
            .sorted { ($0.identifier, $0.version) < ($1.identifier, $1.version) }
            .map { Listed($0, imported: lists.importedRules.contains(BorderLists.key($0))) }
        if options.json { return try options.printJSON(listed) }
        var table = TextTable("IDENTIFIER", "VERSION", "COUNTRY", "TYPE", "FOR", "VALID FROM", "VALID TO", "ORIGIN")
        for rule in listed {
            table.add(
                rule.identifier, rule.version, rule.country, rule.type, rule.certificateType, rule.validFrom,
                rule.validTo, rule.origin)
        }
        table.print()
    }
}

/// `healthctl rules remove --identifier ID`: every imported version of one rule (audited).
struct RulesRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove every imported version of a rule (a shipped rule can only be replaced by a newer version)."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The rule's identifier, e.g. TR-BH-0001.")
    var identifier: String

    func run() async throws {
        let removed = try await options.withServices {
            try await $0.borderLists.removeRule(identifier: identifier, by: options.principal)
        }
        if options.json { return try options.printJSON(["identifier": identifier, "removed": String(removed)]) }
        print("removed \(removed) versions of \(identifier)")
    }
}
