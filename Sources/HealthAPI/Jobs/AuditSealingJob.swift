public import HealthServices
public import Logging

extension RecurringJob {
    /// Audit sealing: chains the audit entries appended since the last pass, at start and then every `interval`, so
    /// an entry is in the tamper-evident chain within about that long of its write. Only where the store chains
    /// after commit (PostgreSQL, ``AuditService/needsSealing``); SQLite chains each entry as it is written.
    public static func auditSealing(
        _ audit: AuditService, interval: Duration = .seconds(1), logger: Logger
    ) -> RecurringJob {
        RecurringJob("audit sealing pass", every: interval, logging: "sealed", logger: logger) {
            try await audit.seal()
        }
    }
}
