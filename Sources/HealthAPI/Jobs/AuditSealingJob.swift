public import HealthServices
public import Logging

extension RecurringJob {
    /// Audit sealing: chains the audit entries appended since the last pass, at start and then every `interval`, so
    /// an entry is in the tamper-evident chain within about that long of its write (PostgreSQL; on SQLite each
    /// entry is chained as it is written and a pass finds nothing).
    public static func auditSealing(
        _ audit: AuditService, interval: Duration = .seconds(1), logger: Logger
    ) -> RecurringJob {
        RecurringJob(
            name: "audit sealing pass", level: .debug, logger: logger,
            pass: { ["sealed": "\(try await audit.seal())"] },
            delay: { interval })
    }
}
