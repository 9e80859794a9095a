import ArgumentParser
import HealthServices

/// `healthctl maintenance`: housekeeping the server also does on its own.
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Housekeeping jobs the server also runs by itself.",
        subcommands: [Run.self, Check.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Delete unfinished enrolments and one-time code messages past their retention period (1 hour), and \
                forget exposure codes' retry links past their window (15 minutes).
                """)

        @OptionGroup var options: OperatorOptions

        func run() async throws {
            let report = try await options.withServices { try await $0.retention.run() }
            if options.json { return try options.printJSON(report) }
            print(
                "deleted \(report.enrolmentChallenges) unfinished enrolments, \(report.outboxMessages) code messages; "
                    + "forgot \(report.codeRetryTags + report.tokenRetryTags) retry tags")
        }
    }
}
