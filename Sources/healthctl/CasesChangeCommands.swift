import ArgumentParser
import HealthServices

/// `healthctl cases open --national-id ID --onset DATE`: a case confirmed elsewhere (audited).
struct CasesOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract:
            "Open a case for a person confirmed positive elsewhere, isolating from the onset (or show their open case)."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The person's 9-digit CPR number.")
    var nationalId: String

    @Option(name: .long, help: "The onset: the symptom date, else the sample date (YYYY-MM-DD, in Bahrain).")
    var onset: String

    @OptionGroup var policy: OrderPolicyOptions

    func run() async throws {
        let (caseFile, opened) = try await options.withServices(orderPolicy: policy.policy) {
            try await $0.cases.open(nationalID: nationalId, onset: onset, by: options.principal)
        }
        if options.json { return try options.printJSON(caseFile) }
        guard opened else { return print("joined open \(caseFile.id)") }
        print(
            caseFile.state == .recovered
                ? "opened \(caseFile.id), already recovered: its isolation from \(caseFile.onset.iso8601) is over"
                : "opened \(caseFile.id), isolating from \(caseFile.onset.iso8601)")
    }
}

/// `healthctl cases assign ID --to NAME`.
struct CasesAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a case to an operator.")

    @OptionGroup var options: OperatorOptions

    @Option(name: .customLong("to"), help: "The operator's name.")
    var operatorName: String

    @Argument(help: "The case id (case_...).")
    var id: String

    func run() async throws {
        let details = try await options.withServices {
            try await $0.cases.assign(caseID: id, to: operatorName, by: options.principal)
        }
        try CasesCommand.print(details, json: options.json, with: options)
    }
}

/// `healthctl cases note ID --text TEXT`.
struct CasesNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to a case's log.")

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The note (1 to 2,000 characters).")
    var text: String

    @Argument(help: "The case id (case_...).")
    var id: String

    func run() async throws {
        let details = try await options.withServices {
            try await $0.cases.addNote(caseID: id, text: text, by: options.principal)
        }
        try CasesCommand.print(details, json: options.json, with: options)
    }
}

/// `healthctl cases close ID`: closes the file and releases its orders still running.
struct CasesCloseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close a case; its orders still running are released.")

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The case id (case_...).")
    var id: String

    /// The deployment's days: a quarantine the case shares with another case is handed on for the contact's days.
    @OptionGroup var policy: OrderPolicyOptions

    func run() async throws {
        let details = try await options.withServices(orderPolicy: policy.policy) {
            try await $0.cases.close(caseID: id, by: options.principal)
        }
        try CasesCommand.print(details, json: options.json, with: options)
    }
}
