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
                Delete enrolment challenges and one-time code messages past their retention period (1 hour), \
                forget exposure codes' retry links past their window (15 minutes), erase the names, phones, national \
                ids and settings of contacts whose case ended 30 days ago, and release the isolation and quarantine \
                orders whose end date has come.
                """)

        @OptionGroup var options: OperatorOptions

        /// The retention report's members, and the orders released.
        struct Output: Encodable {
            let retention: RetentionReport
            let ordersReleased: Int

            enum CodingKeys: String, CodingKey { case ordersReleased }

            func encode(to encoder: any Encoder) throws {
                try retention.encode(to: encoder)
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(ordersReleased, forKey: .ordersReleased)
            }
        }

        func run() async throws {
            let (report, released) = try await options.withServices { services in
                (try await services.retention.run(), try await services.orders.releaseDueOrders())
            }
            if options.json { return try options.printJSON(Output(retention: report, ordersReleased: released)) }
            print(
                "deleted \(report.enrolmentChallenges) enrolment challenges, \(report.outboxMessages) code messages; "
                    + "forgot \(report.codeRetryTags + report.tokenRetryTags) retry tags; "
                    + "erased the details of \(report.contactDetails) contacts of cases ended 30 days ago; "
                    + "released \(released) isolation and quarantine orders whose time was up")
        }
    }
}
