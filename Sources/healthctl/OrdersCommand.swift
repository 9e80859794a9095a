import ArgumentParser
import Foundation
import HealthServices

/// `healthctl orders ...`: isolation and quarantine orders.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Isolation and quarantine orders: the policy they follow, and one person's.",
        subcommands: [OrdersPolicyCommand.self, OrdersListCommand.self, OrdersMissedCommand.self]
    )
}

/// `healthctl orders policy`: how long orders last, as this deployment gives them.
struct OrdersPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show how long isolation and quarantine orders last.")

    @OptionGroup var policy: OrderPolicyOptions

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func run() async throws {
        let policy = policy.policy
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return print(String(decoding: try encoder.encode(policy), as: UTF8.self))
        }
        print("isolation: \(policy.isolationDays) days from the onset")
        print("quarantine: \(policy.quarantineDays) days from the last contact")
        print(
            "early release: a quarantine ends with a negative PCR sampled on day \(policy.quarantineTestDay) "
                + "after the last contact or later")
        print(
            "extension: a day at a time while the last check-in reports fever, at most \(policy.maximumExtensionDays) days"
        )
        print(
            "an order ends at the start of its end date (midnight in Bahrain), released by the server's job or "
                + "maintenance run")
    }
}

/// `healthctl orders list --national-id ID`: one person's orders.
struct OrdersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a person's orders.")

    @OptionGroup var options: OperatorOptions

    @OptionGroup var who: PersonOption

    func run() async throws {
        let orders = try await options.withServices { services in
            let person = try await who.person(in: services)
            return try await services.orders.orderViews(for: options.principal, personID: person.id)
        }
        if options.json { return try options.printJSON(orders) }
        var table = TextTable("ID", "KIND", "FROM", "UNTIL", "STATE", "CASE")
        for order in orders {
            table.add(
                order.id, order.kind.rawValue, order.startDate.iso8601, order.endDate.iso8601, order.state.rawValue,
                order.caseId)
        }
        table.print()
    }
}

/// The order periods a deployment gives, for `serve` and the commands that open cases.
struct OrderPolicyOptions: ParsableArguments {
    @Option(name: .long, help: "Days of isolation from a case's onset (1 to 30).")
    var isolationDays = OrderPolicy().isolationDays

    @Option(name: .long, help: "Days of quarantine from a contact's last contact (1 to 30).")
    var quarantineDays = OrderPolicy().quarantineDays

    func validate() throws {
        for (name, days) in [("--isolation-days", isolationDays), ("--quarantine-days", quarantineDays)] {
            guard OrderPolicy.allowedDays.contains(days) else { throw ValidationError("\(name) must be 1 to 30.") }
        }
    }

    var policy: OrderPolicy { OrderPolicy(isolationDays: isolationDays, quarantineDays: quarantineDays) }
}
