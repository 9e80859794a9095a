import HealthServices

extension PostgresHealthSchema {
    /// `audit_append(…)`: one audit entry appended to the chain in one statement, so the chain's lock is held for
    /// that statement and the commit, not for three round trips more.
    ///
    /// The function takes the transaction-scoped advisory lock that orders appends, then reads the last entry: each
    /// statement of a PL/pgSQL function reads a new READ COMMITTED snapshot, so it sees the entry of whoever held the
    /// lock before. The hash is `AuditEntry.chainHash`'s, byte for byte: SHA-256 of the previous hash followed by the
    /// sequence number (decimal), the time (ISO 8601 as written), actor, role, action, subject and details, each as a
    /// 4-byte big-endian length and its UTF-8 bytes. `healthctl audit verify` recomputes it in Swift.
    /// Replaced by ``auditSealing``, which chains the same way after the commit.
    static let auditAppend = Migration(
        version: 7,
        name: "audit-append",
        sql: """
            CREATE FUNCTION audit_chain_field(value text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8')
            $$;
            CREATE FUNCTION audit_append(
                entry_at timestamptz, entry_at_text text, entry_actor text, entry_role text, entry_action text,
                entry_subject text, entry_details text
            ) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                last_seq bigint := 0;
                last_hash bytea := decode(repeat('00', 32), 'hex');
                entry_hash bytea;
            BEGIN
                PERFORM pg_advisory_xact_lock(\(AuditPostgresWriter.chainLock));
                SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
                IF NOT FOUND THEN
                    last_seq := 0;
                    last_hash := decode(repeat('00', 32), 'hex');
                END IF;
                entry_hash := sha256(
                    last_hash || audit_chain_field((last_seq + 1)::text) || audit_chain_field(entry_at_text)
                    || audit_chain_field(entry_actor) || audit_chain_field(entry_role)
                    || audit_chain_field(entry_action) || audit_chain_field(entry_subject)
                    || audit_chain_field(entry_details));
                INSERT INTO audit_log (seq, at, actor, role, action, subject, details, previous_hash, hash)
                VALUES (last_seq + 1, entry_at, entry_actor, entry_role, entry_action, entry_subject, entry_details,
                    last_hash, entry_hash);
            END
            $$;
            """
    )
}
