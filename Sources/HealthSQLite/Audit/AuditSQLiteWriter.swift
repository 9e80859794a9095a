import HealthServices

/// Appends to the hash-chained `audit_log` table on a connection that is already inside a write transaction.
enum AuditSQLiteWriter {
    static func append(_ event: AuditEvent, at time: Timestamp, on connection: SQLiteConnection) throws {
        let last = try connection.queryFirst("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") { row in
            (try row.get(0, as: Int64.self), try row.get(1, as: [UInt8].self))
        }
        let sequence = (last?.0 ?? 0) + 1
        let previous = last?.1 ?? AuditEntry.genesisHash
        let details = event.detailsJSON
        let hash = AuditEntry.chainHash(
            previous: previous, sequence: sequence, at: time.iso8601, actor: event.actor, role: event.role.rawValue,
            action: event.action, subject: event.subject, details: details
        )
        try connection.run(
            """
            INSERT INTO audit_log (seq, at, actor, role, action, subject, details, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            sequence, time, event.actor, event.role.rawValue, event.action, event.subject, details, previous, hash
        )
    }
}
