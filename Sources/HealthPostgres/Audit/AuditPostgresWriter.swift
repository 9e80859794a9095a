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

    /// Appends `event`, and records the transaction's id on `session`: every audited write learns it here, with no
    /// round trip of its own, in case its COMMIT goes unanswered.
    static func append(_ event: AuditEvent, at time: Timestamp, on session: PostgresSession) async throws {
        let transactionID = try await session.first(
            Append.self, time, time.iso8601, event.actor, event.role.rawValue, event.action, event.subject,
            event.detailsJSON
        ) { try $0.decode(Int64.self) }
        if let transactionID { session.recordTransactionID(transactionID) }
    }

    /// Every audited write's last statement, prepared once per connection.
    enum Append: PreparedSQL {
        static let sql = "SELECT pg_current_xact_id()::text::bigint FROM audit_append($1, $2, $3, $4, $5, $6, $7)"
    }
}
