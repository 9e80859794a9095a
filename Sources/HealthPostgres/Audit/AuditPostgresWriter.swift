import HealthServices
import PostgresNIO

/// Appends an audit entry inside a write transaction: `audit_append` adds it to `audit_pending`, with no lock, and
/// `audit_seal` chains it into `audit_log` once committed (see `PostgresHealthSchema.auditSealing`).
enum AuditPostgresWriter {
    /// The advisory lock key of the audit chain (`AUDITLOG` in ASCII), which `audit_seal` holds until it commits.
    static let chainLock: Int64 = 0x4155_4449_544C_4F47

    /// Appends `event`, and records the transaction's mark on `session`: every audited write learns it here, with no
    /// round trip of its own, in case its COMMIT goes unanswered.
    static func append(_ event: AuditEvent, at time: Timestamp, on session: PostgresSession) async throws {
        let mark = try await session.first(
            Append.self, time, time.iso8601, event.actor, event.role.rawValue, event.action, event.subject,
            event.detailsJSON
        ) { TransactionMark(try $0.decode((Int64, Double).self)) }
        if let mark { session.record(mark) }
    }

    /// Appends `events` in order with one statement, and records the transaction's mark as ``append(_:at:on:)`` does.
    static func append(_ events: [AuditEvent], at time: Timestamp, on session: PostgresSession) async throws {
        guard !events.isEmpty else { return }
        let mark = try await session.first(
            AppendAll.self, time, time.iso8601, events.map(\.actor), events.map(\.role.rawValue),
            events.map(\.action), events.map(\.subject), events.map(\.detailsJSON)
        ) { TransactionMark(try $0.decode((Int64, Double).self)) }
        if let mark { session.record(mark) }
    }

    /// A batch's entries, one `audit_append` per element of the arrays, in their order: `unnest` yields the rows in
    /// array order and the function runs row by row (the entries' ids, which order the chain, follow). Counting the
    /// rows makes the whole CTE run.
    enum AppendAll: PreparedSQL {
        static let sql = """
            WITH appended AS (
                SELECT audit_append($1, $2, entry.actor, entry.role, entry.action, entry.subject, entry.details)
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                    AS entry(actor, role, action, subject, details)
            )
            SELECT \(TransactionMark.columns) FROM (SELECT count(*) FROM appended) AS done
            """
    }

    /// Every audited write's last statement, prepared once per connection.
    enum Append: PreparedSQL {
        static let sql = "SELECT \(TransactionMark.columns) FROM audit_append($1, $2, $3, $4, $5, $6, $7)"
    }
}
