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

    /// A case as listings show it.
    struct Listed: Encodable {
        let id, personId, onset, state, openedAt: String
        let assignedTo, closedAt, resultId: String?

        init(_ caseFile: Case) {
            id = caseFile.id
            personId = caseFile.personId
            onset = caseFile.onset.iso8601
            state = caseFile.state.rawValue
            openedAt = caseFile.openedAt.iso8601
            assignedTo = caseFile.assignedTo
            closedAt = caseFile.closedAt?.iso8601
            resultId = caseFile.resultId
        }
    }

    /// A case with its notes and orders, as `cases show` and the changes print it.
    struct Shown: Encodable {
        struct Note: Encodable {
            let author, text, createdAt: String
        }

        let `case`: Listed
        let notes: [Note]
        let orders: [OrdersCommand.Listed]

        init(_ details: CaseService.Details) {
            `case` = Listed(details.caseFile)
            notes = details.notes.map { Note(author: $0.author, text: $0.text, createdAt: $0.createdAt.iso8601) }
            orders = details.orders.map(OrdersCommand.Listed.init)
        }

        func print(json: Bool, with options: OperatorOptions) throws {
            if json { return try options.printJSON(self) }
            Swift.print(
                "\(`case`.id)  \(`case`.state)  onset \(`case`.onset)  person \(`case`.personId)  "
                    + "assigned to \(`case`.assignedTo ?? "nobody")")
            for order in orders {
                Swift.print(
                    "  order \(order.id): \(order.kind) \(order.startDate) until \(order.endDate), \(order.state)")
            }
            for note in notes { Swift.print("  \(note.createdAt) \(note.author): \(note.text)") }
        }
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

    @Option(name: .long, help: "Only cases opened on this day (YYYY-MM-DD, UTC) or later.")
    var since: String?

    func run() async throws {
        let cases = try await options.withServices {
            try await $0.cases.cases(state: state, assignedTo: assignedTo, since: since)
        }
        let listed = cases.map(CasesCommand.Listed.init)
        if options.json { return try options.printJSON(listed) }
        var table = TextTable("ID", "STATE", "ONSET", "PERSON", "ASSIGNED TO", "OPENED")
        for caseFile in listed {
            table.add(
                caseFile.id, caseFile.state, caseFile.onset, caseFile.personId, caseFile.assignedTo ?? "-",
                caseFile.openedAt)
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
        try CasesCommand.Shown(details).print(json: options.json, with: options)
    }
}
