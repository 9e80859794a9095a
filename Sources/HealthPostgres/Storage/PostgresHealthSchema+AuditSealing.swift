import HealthServices

extension PostgresHealthSchema {
    /// Audit entries are appended without a lock and sealed into the chain afterwards.
    ///
    /// Chaining each entry as it was written (``auditAppend``) held one lock from the append to the commit of every
    /// audited write, so all writes of all servers committed one after another. Now `audit_append` only adds the
    /// entry to `audit_pending`, in the write's own transaction, so it is as durable as the write. `audit_seal(n)`
    /// then takes the chain's lock, chains up to `n` committed pending entries in the order they were appended
    /// (sequence numbers, times as written and hashes exactly as ``auditAppend`` made them) into `audit_log`, and
    /// deletes them from `audit_pending` by id: an entry whose transaction commits meanwhile is left for the next
    /// seal. The server seals every second, and reading the log seals first, so `audit verify` and the audit list
    /// see every committed entry. Pending entries refuse updates, and deletes other than the seal's.
    static let auditSealing = Migration(
        version: 14,
        name: "audit-sealing",
        sql: """
            CREATE TABLE audit_pending (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                at_text text NOT NULL,
                actor text NOT NULL,
                role text NOT NULL,
                action text NOT NULL,
                subject text NOT NULL,
                details text NOT NULL
            );
            CREATE FUNCTION audit_pending_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND current_setting('health.audit_sealing', true) = 'on' THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'audit_pending is append-only';
            END
            $$;
            CREATE TRIGGER audit_pending_append_only BEFORE UPDATE OR DELETE ON audit_pending
                FOR EACH ROW EXECUTE FUNCTION audit_pending_refuse_change();
            CREATE OR REPLACE FUNCTION audit_append(
                entry_at timestamptz, entry_at_text text, entry_actor text, entry_role text, entry_action text,
                entry_subject text, entry_details text
            ) RETURNS void LANGUAGE sql AS $$
                INSERT INTO audit_pending (at, at_text, actor, role, action, subject, details)
                VALUES (entry_at, entry_at_text, entry_actor, entry_role, entry_action, entry_subject, entry_details)
            $$;
            CREATE FUNCTION audit_seal(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
            DECLARE
                last_seq bigint;
                last_hash bytea;
                entry audit_pending;
                entry_hash bytea;
                sealed bigint[] := '{}';
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM audit_pending) THEN
                    RETURN 0;
                END IF;
                PERFORM pg_advisory_xact_lock(\(AuditPostgresWriter.chainLock));
                SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
                IF NOT FOUND THEN
                    last_seq := 0;
                    last_hash := decode(repeat('00', 32), 'hex');
                END IF;
                FOR entry IN SELECT * FROM audit_pending ORDER BY id LIMIT batch LOOP
                    last_seq := last_seq + 1;
                    entry_hash := sha256(
                        last_hash || audit_chain_field(last_seq::text) || audit_chain_field(entry.at_text)
                        || audit_chain_field(entry.actor) || audit_chain_field(entry.role)
                        || audit_chain_field(entry.action) || audit_chain_field(entry.subject)
                        || audit_chain_field(entry.details));
                    INSERT INTO audit_log (seq, at, actor, role, action, subject, details, previous_hash, hash)
                    VALUES (last_seq, entry.at, entry.actor, entry.role, entry.action, entry.subject, entry.details,
                        last_hash, entry_hash);
                    last_hash := entry_hash;
                    sealed := sealed || entry.id;
                END LOOP;
                PERFORM set_config('health.audit_sealing', 'on', true);
                DELETE FROM audit_pending WHERE id = ANY(sealed);
                PERFORM set_config('health.audit_sealing', 'off', true);
                RETURN cardinality(sealed);
            END
            $$;
            """
    )

    /// TRUNCATE skips row triggers: the audit tables refuse it as they refuse UPDATE and DELETE, so emptying them
    /// takes dropping a trigger first, as any other change does.
    static let auditTruncateRefused = Migration(
        version: 24,
        name: "audit-truncate-refused",
        sql: """
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
            CREATE TRIGGER audit_pending_no_truncate BEFORE TRUNCATE ON audit_pending
                FOR EACH STATEMENT EXECUTE FUNCTION audit_pending_refuse_change();
            """
    )
}
