import ArgumentParser
import Foundation
import HealthServices

/// `healthctl results`: a person's lab results, and bulk import from lab files.
struct ResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "List a person's lab results and import result files.",
        subcommands: [List.self, Import.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the lab results of the person with this national ID, newest sample first.")

        @OptionGroup var options: OperatorOptions

        @OptionGroup var who: PersonOption

        func run() async throws {
            let results = try await options.withServices { services in
                let person = try await who.person(in: services)
                return try await services.results.results(for: options.principal, personID: person.id).map(\.result)
            }
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

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import lab results from a CSV file or a FHIR R4 Bundle (see the README): every row or none.",
            discussion: """
                Rows are checked as lab uploads are (person registered, dates possible, sample ids consistent) and \
                written in one transaction. Every bad row is reported with its line; without --skip-invalid one \
                bad row means nothing is imported (exit 1).
                """
        )

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The lab whose sample ids the file holds (default: the --actor name).")
        var lab: String?

        @Flag(name: .customLong("skip-invalid"), help: "Import the good rows and report the bad ones.")
        var skipInvalid = false

        @Argument(help: "The CSV or FHIR JSON file.")
        var file: String

        /// The isolation the cases of positive rows are given.
        @OptionGroup var policy: OrderPolicyOptions

        /// Rows between two progress lines.
        static let progressStep = 5_000

        func run() async throws {
            let data = try InputFile.read(file, option: "FILE")
            let report = try await options.withServices(orderPolicy: policy.policy) {
                try await $0.results.importFile(
                    data, from: lab, by: options.principal, skipInvalid: skipInvalid,
                    progress: { done, total in
                        guard total >= Self.progressStep, done % Self.progressStep == 0 || done == total else { return }
                        FileHandle.standardError.write(Data("healthctl: \(done)/\(total) rows\n".utf8))
                    })
            }
            if options.json {
                try options.printJSON(report)
            } else {
                for problem in report.problems {
                    print("\(problem.location): \(problem.code): \(problem.detail)")
                }
                if report.imported {
                    print(
                        "imported \(report.rows - report.rejected) of \(report.rows) rows: \(report.created) new, "
                            + "\(report.corrected) corrected, \(report.unchanged) unchanged, \(report.rejected) skipped"
                    )
                } else {
                    print(
                        "nothing imported: \(report.rejected) of \(report.rows) rows are invalid (or use --skip-invalid)"
                    )
                }
            }
            if !report.imported { throw ExitCode.failure }
        }
    }
}
