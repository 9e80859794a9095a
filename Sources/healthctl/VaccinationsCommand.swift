import ArgumentParser
import HealthServices

/// `healthctl vaccinations`: a person's doses, and doses given abroad.
struct VaccinationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaccinations",
        abstract: "List a person's doses and record doses given abroad.",
        subcommands: [List.self, RecordAbroad.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the doses of the person with this national ID.")

        @OptionGroup var options: OperatorOptions

        @OptionGroup var who: PersonOption

        func run() async throws {
            let doses = try await options.withServices { services in
                let person = try await who.person(in: services)
                return try await services.vaccinations.vaccinations(for: options.principal, personID: person.id)
            }
            if options.json { return try options.printJSON(doses) }
            var table = TextTable("ID", "GIVEN", "SERVICE", "DOSE", "COUNTRY", "LOT")
            for dose in doses {
                table.add(
                    dose.id, dose.administeredAt.iso8601, dose.service, "\(dose.doseNumber)/\(dose.totalDoses)",
                    dose.country, dose.lot ?? "-")
            }
            table.print()
        }
    }

    struct RecordAbroad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-abroad",
            abstract: "Record a dose given in another country (counts for dose rules and status; no certificate).")

        @OptionGroup var options: OperatorOptions

        @OptionGroup var who: PersonOption

        @Option(name: .long, help: "The vaccine's catalogue service id, such as comirnaty.")
        var service: String

        @Option(name: .long, help: "Where it was given: ISO 3166-1 alpha-2 country code.")
        var country: String

        @Option(name: .customLong("dose-number"), help: "The dose number in EU notation (3 for 3/3).")
        var doseNumber: Int

        @Option(name: .customLong("total-doses"), help: "The total doses in EU notation (3 for 3/3).")
        var totalDoses: Int

        @Option(name: .customLong("administered-at"), help: "When it was given (ISO 8601 with a zone).")
        var administeredAt: String

        @Option(name: .long, help: "The lot number, when known.")
        var lot: String?

        func run() async throws {
            let dose = try await options.withServices {
                try await $0.vaccinations.recordAbroad(
                    nationalId: who.nationalId, service: service, country: country, doseNumber: doseNumber,
                    totalDoses: totalDoses, administeredAt: administeredAt, lot: lot, by: options.principal)
            }
            if options.json { return try options.printJSON(dose) }
            print("recorded \(dose.id): \(dose.service) dose \(dose.doseNumber)/\(dose.totalDoses) in \(dose.country)")
        }
    }
}
