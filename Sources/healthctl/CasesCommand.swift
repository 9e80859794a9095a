import ArgumentParser
import HealthServices

/// `healthctl cases ...`: the case-management system for operators.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Open, list, follow up and close cases (every change audited).",
        subcommands: [
            CasesOpenCommand.self, CasesListCommand.self, CasesShowCommand.self, CasesAssignCommand.self,
            CasesNoteCommand.self, CasesCloseCommand.self,
        ]
    )

    /// Prints a case with its notes, contacts and orders, as `cases show` and the changes do.
    static func print(_ details: CaseService.Details, json: Bool, with options: OperatorOptions) throws {
        if json { return try options.printJSON(CaseDetailsView(details)) }
        let caseFile = details.caseFile
        Swift.print(
            "\(caseFile.id)  \(caseFile.state.rawValue)  onset \(caseFile.onset.iso8601)  person \(caseFile.personId)  "
                + "assigned to \(caseFile.assignedTo ?? "nobody")")
        for order in details.orders {
            Swift.print(
                "  order \(order.id): \(order.kind.rawValue) \(order.startDate.iso8601) until \(order.endDate.iso8601), "
                    + order.state.rawValue)
        }
        for note in details.notes { Swift.print("  \(note.createdAt.iso8601) \(note.author): \(note.text)") }
    }
}

/// `healthctl cases list`: cases, newest first.
struct CasesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, newest first.")

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "Only cases in this state: open, isolating, recovered or closed.")
    var state: String?

    @Option(name: .long, help: "Only cases assigned to this operator.")
    var assignedTo: String?

    @Option(name: .long, help: "Only cases opened on this day (YYYY-MM-DD, in Bahrain) or later.")
    var since: String?

    @Option(name: .long, help: "The most cases listed (1 to 5000; default 500).")
    var limit: Int?

    func run() async throws {
        let cases = try await options.withServices {
            try await $0.cases.cases(state: state, assignedTo: assignedTo, since: since, limit: limit)
        }
        options.noteIfCut(cases.count, limit: limit ?? CaseService.listLimit.defaultCount)
        if options.json { return try options.printJSON(cases) }
        var table = TextTable("ID", "STATE", "ONSET", "PERSON", "ASSIGNED TO", "OPENED")
        for caseFile in cases {
            table.add(
                caseFile.id, caseFile.state.rawValue, caseFile.onset.iso8601, caseFile.personId,
                caseFile.assignedTo ?? "-", caseFile.openedAt.iso8601)
        }
        table.print()
    }
}

/// `healthctl cases show ID`.
struct CasesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a case with its notes and orders.")

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The case id (case_...).")
    var id: String

    func run() async throws {
        let details = try await options.withServices { try await $0.cases.details(id: id) }
        try CasesCommand.print(details, json: options.json, with: options)
    }
}
