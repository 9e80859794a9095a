import HealthServices
import PostgresNIO

/// Appends to the hash-chained `audit_log` table inside a write transaction.
///
/// Each append links to the entry before it, so appends must not interleave: the first one in a transaction
/// takes a transaction-scoped advisory lock that other appenders wait on until this transaction commits or
/// rolls back, and only then reads the last entry (READ COMMITTED reads the newest committed one).
enum AuditPostgresWriter {
    /// The advisory lock key of the audit chain (`AUDITLOG` in ASCII).
    static let chainLock: Int64 = 0x4155_4449_544C_4F47

    static func append(_ event: AuditEvent, at time: Timestamp, on session: PostgresSession) async throws {
        try await session.run("SELECT pg_advisory_xact_lock(\(chainLock))")
        let last = try await session.first("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") {
            try $0.decode((Int64, Bytea).self)
        }
        let sequence = (last?.0 ?? 0) + 1
        let previous = last?.1.bytes ?? AuditEntry.genesisHash
        let details = event.detailsJSON
        let hash = AuditEntry.chainHash(
            previous: previous, sequence: sequence, at: time.iso8601, actor: event.actor, role: event.role.rawValue,
            action: event.action, subject: event.subject, details: details
        )
        try await session.run(
            """
            INSERT INTO audit_log (seq, at, actor, role, action, subject, details, previous_hash, hash)
            VALUES (\(sequence), \(time), \(event.actor), \(event.role.rawValue), \(event.action), \(event.subject),
                \(details), \(Bytea(previous)), \(Bytea(hash)))
            """
        )
    }
}
