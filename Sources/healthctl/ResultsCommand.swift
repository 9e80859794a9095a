import ArgumentParser
import HealthServices

/// `healthctl results`: a person's lab results, and bulk import from lab files.
struct ResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "List a person's lab results and import result files.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the lab results of the person with this national ID, newest sample first.")

        @OptionGroup var options: OperatorOptions

        @OptionGroup var who: PersonOption

        func run() async throws {
            let services = try options.services()
            let person = try await who.person(in: services)
            let results = try await services.results.results(for: options.principal, personID: person.id).map(\.result)
            if options.json { return try options.printJSON(results) }
            var table = TextTable("ID", "SAMPLED", "TEST", "RESULT", "VERSION", "LAB", "SAMPLE")
            for result in results {
                table.add(
                    result.id, result.sampledAt.iso8601, result.test.rawValue, result.state.rawValue,
                    String(result.version), result.lab, result.sampleId)
            }
            table.print()
        }
    }
}
