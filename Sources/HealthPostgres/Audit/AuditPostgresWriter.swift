import HealthServices
import PostgresNIO

/// Appends to the hash-chained `audit_log` table inside a write transaction.
///
/// Each append links to the entry before it, so appends must not interleave: `audit_append` (see
/// `PostgresHealthSchema.auditAppend`) takes a transaction-scoped advisory lock that other appenders wait on until
/// this transaction commits or rolls back, and only then reads the last entry (READ COMMITTED reads the newest
/// committed one). Appending last in a transaction holds the lock for the shortest time.
enum AuditPostgresWriter {
    /// The advisory lock key of the audit chain (`AUDITLOG` in ASCII).
    static let chainLock: Int64 = 0x4155_4449_544C_4F47

    static func append(_ event: AuditEvent, at time: Timestamp, on session: PostgresSession) async throws {
        try await session.run(
            Append.self, time, time.iso8601, event.actor, event.role.rawValue, event.action, event.subject,
            event.detailsJSON)
    }

    /// Every audited write's last statement, prepared once per connection.
    enum Append: PreparedSQL {
        static let sql = "SELECT FROM audit_append($1, $2, $3, $4, $5, $6, $7)"
    }
}
