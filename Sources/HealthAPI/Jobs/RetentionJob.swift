public import HealthServices
public import Logging

extension RecurringJob {
    /// Retention: a ``RetentionService`` pass at start and then every `interval`.
    public static func retention(
        _ retention: RetentionService, interval: Duration = .seconds(300), logger: Logger
    ) -> RecurringJob {
        RecurringJob(
            name: "retention pass", level: .debug, logger: logger,
            pass: {
                let report = try await retention.run()
                return [
                    "enrolment_challenges": "\(report.enrolmentChallenges)",
                    "outbox_messages": "\(report.outboxMessages)",
                    "code_retry_tags": "\(report.codeRetryTags)",
                    "token_retry_tags": "\(report.tokenRetryTags)",
                    "contact_details": "\(report.contactDetails)",
                    "dependants_of_age": "\(report.dependantsOfAge)",
                ]
            },
            delay: { interval })
    }
}
