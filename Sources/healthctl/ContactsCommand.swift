import ArgumentParser
import HealthServices

/// `healthctl contacts ...`: contacts the operators must reach themselves.
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Contacts named by cases.",
        subcommands: [ContactsPendingCommand.self]
    )
}

/// `healthctl contacts pending`: contacts no registered person matched, oldest first.
struct ContactsPendingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending",
        abstract: "List the contacts with no registered person (no national id, or one nobody holds), oldest first."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The most contacts listed (1 to 5000; default 500).")
    var limit: Int?

    func run() async throws {
        let contacts = try await options.withServices { try await $0.cases.pendingContacts(limit: limit) }
        options.noteIfCut(contacts.count, limit: limit ?? CaseService.listLimit.defaultCount)
        if options.json { return try options.printJSON(contacts) }
        var table = TextTable("ID", "CASE", "NAME", "PHONE", "LAST CONTACT", "SETTING")
        for contact in contacts {
            table.add(
                contact.id, contact.caseId, contact.name ?? "-", contact.phone ?? "-", contact.lastContact.iso8601,
                contact.setting ?? "-")
        }
        table.print()
    }
}

/// `healthctl orders missed --date D`: orders in force that day with no check-in.
struct OrdersMissedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missed", abstract: "List the orders in force on a day whose person did not check in.")

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The day (YYYY-MM-DD, in Bahrain), e.g. yesterday.")
    var date: String

    @Option(name: .long, help: "The most orders listed (1 to 10000; default 1000).")
    var limit: Int?

    func run() async throws {
        let orders = try await options.withServices { try await $0.orders.missedCheckIns(on: date, limit: limit) }
        options.noteIfCut(orders.count, limit: limit ?? OrderService.missedListLimit.defaultCount)
        if options.json { return try options.printJSON(orders.map { OrderView($0) }) }
        var table = TextTable("ORDER", "KIND", "PERSON", "FROM", "UNTIL", "CASE")
        for order in orders {
            table.add(
                order.id, order.kind.rawValue, order.personId, order.startDate.iso8601, order.endDate.iso8601,
                order.caseId)
        }
        table.print()
    }
}
