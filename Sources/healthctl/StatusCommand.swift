import ArgumentParser
import HealthServices

/// `healthctl status`: a person's health status ("shield") as the app shows it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a person's health status (green, yellow, grey or red).",
        subcommands: [Show.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the status of the person with this national ID, with its reason and end.")

        @OptionGroup var options: OperatorOptions

        @OptionGroup var who: PersonOption

        /// The deployment's isolation days, which a positive under no order is judged by, as the server does.
        @OptionGroup var policy: OrderPolicyOptions

        func run() async throws {
            let status = try await options.withServices(orderPolicy: policy.policy) { services in
                let person = try await who.person(in: services)
                return try await services.status.status(for: options.principal, personID: person.id)
            }
            if options.json { return try options.printJSON(status) }
            print("\(status.colour.rawValue.uppercased())  \(status.reason)")
            print("until: \(status.validUntil?.iso8601 ?? "a new record changes it")")
        }
    }
}
