import HealthServices

/// The migrations of the health database on PostgreSQL, in order. Append only: never edit or reorder a released
/// one. The tables mean what `SQLiteHealthSchema`'s do on SQLite, in PostgreSQL's types: instants are `timestamptz`,
/// calendar days `date`, hashes and salts `bytea`; the later SQLite migrations' columns are here from the start.
enum PostgresHealthSchema {
    static let migrations: [Migration] = [
        identity, audit, outbox, scheduling, appointments, records, auditAppend, exposureCodeRetryTags,
        hashedExposureCodes, borderLists, cases, statisticsCounts, healthCards, auditSealing,
        statisticsAddWithoutLocks, statisticsShardsPerConnection, statisticsFold, contactsByOrder,
        rapidAntigenDevices, orderEndsInBahrain, checkInsDueFromTheOrdersDay, casesByPerson,
        boostersAfterAFinishedCourse, auditTruncateRefused, verificationCodeRetries, enrolmentChallengesByPhone,
        retentionIndexes,
        wrongCheckInCodes,
    ]

    /// People (citizens and dependants) with their passport names, pending one-time codes, hashed bearer tokens.
    static let identity = Migration(
        version: 1,
        name: "identity",
        sql: """
            CREATE TABLE people (
                id text PRIMARY KEY,
                national_id text NOT NULL UNIQUE CHECK (length(national_id) = 9),
                date_of_birth date NOT NULL,
                name text NOT NULL,
                phone text,
                guardian_id text REFERENCES people(id),
                created_at timestamptz NOT NULL,
                family_name text,
                given_name text,
                family_name_latin text,
                given_name_latin text
            );
            CREATE INDEX people_guardian ON people(guardian_id) WHERE guardian_id IS NOT NULL;
            CREATE TABLE enrolment_challenges (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                national_id text NOT NULL,
                person_id text REFERENCES people(id),
                date_of_birth date NOT NULL,
                name text NOT NULL,
                phone text NOT NULL,
                code_salt bytea NOT NULL,
                code_hash bytea NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                consumed_at timestamptz,
                family_name text,
                given_name text,
                family_name_latin text,
                given_name_latin text
            );
            CREATE INDEX enrolment_challenges_national_id ON enrolment_challenges(national_id, created_at);
            CREATE TABLE access_tokens (
                id text PRIMARY KEY,
                secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
                role text NOT NULL CHECK (role IN ('citizen', 'lab', 'vaccinator', 'operator', 'verifier', 'admin')),
                name text NOT NULL,
                person_id text REFERENCES people(id),
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz,
                CHECK ((role = 'citizen') = (person_id IS NOT NULL))
            );
            """
    )

    /// The append-only, hash-chained audit log; a trigger refuses any update or delete. Entries are chained in order
    /// under one lock (see ``auditAppend``, and ``auditSealing`` for how they are chained today).
    static let audit = Migration(
        version: 2,
        name: "audit-log",
        sql: """
            CREATE TABLE audit_log (
                seq bigint PRIMARY KEY,
                at timestamptz NOT NULL,
                actor text NOT NULL,
                role text NOT NULL,
                action text NOT NULL,
                subject text NOT NULL,
                details text NOT NULL,
                previous_hash bytea NOT NULL,
                hash bytea NOT NULL
            );
            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only';
            END
            $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
            """
    )

    /// Text messages waiting for delivery (one-time codes).
    static let outbox = Migration(
        version: 3,
        name: "outbox",
        sql: """
            CREATE TABLE outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                recipient text NOT NULL,
                body text NOT NULL,
                code text,
                created_at timestamptz NOT NULL
            );
            """
    )

    /// The service catalogue (seeded with the tests and vaccine products), centres and slots.
    static let scheduling = Migration(
        version: 4,
        name: "scheduling",
        sql: """
            CREATE TABLE care_services (
                id text PRIMARY KEY,
                name text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('test', 'vaccine')),
                product_code text,
                minimum_days_between_doses integer,
                created_at timestamptz NOT NULL,
                CHECK ((kind = 'vaccine') = (product_code IS NOT NULL AND minimum_days_between_doses IS NOT NULL))
            );
            INSERT INTO care_services (id, name, kind, product_code, minimum_days_between_doses, created_at) VALUES
                ('pcr', 'PCR test', 'test', NULL, NULL, '2026-01-01T00:00:00Z'),
                ('rapid-antigen', 'Rapid antigen test', 'test', NULL, NULL, '2026-01-01T00:00:00Z'),
                ('comirnaty', 'Comirnaty (Pfizer-BioNTech)', 'vaccine', 'EU/1/20/1528', 21, '2026-01-01T00:00:00Z'),
                ('sinopharm', 'Sinopharm BBIBP-CorV', 'vaccine', 'BBIBP-CorV', 21, '2026-01-01T00:00:00Z'),
                ('vaxzevria', 'Vaxzevria (AstraZeneca)', 'vaccine', 'EU/1/21/1529', 28, '2026-01-01T00:00:00Z'),
                ('sputnik-v', 'Sputnik V', 'vaccine', 'Sputnik-V', 21, '2026-01-01T00:00:00Z');
            CREATE TABLE centres (
                id text PRIMARY KEY,
                name text NOT NULL,
                area text NOT NULL,
                created_at timestamptz NOT NULL
            );
            CREATE TABLE centre_services (
                centre_id text NOT NULL REFERENCES centres(id),
                service_id text NOT NULL REFERENCES care_services(id),
                PRIMARY KEY (centre_id, service_id)
            );
            CREATE TABLE slots (
                id text PRIMARY KEY,
                centre_id text NOT NULL,
                service_id text NOT NULL,
                starts_at timestamptz NOT NULL,
                duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
                capacity integer NOT NULL CHECK (capacity > 0),
                booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
                created_at timestamptz NOT NULL,
                FOREIGN KEY (centre_id, service_id) REFERENCES centre_services(centre_id, service_id),
                UNIQUE (centre_id, service_id, starts_at)
            );
            CREATE INDEX slots_service_start ON slots(service_id, starts_at, id);
            CREATE INDEX slots_start ON slots(starts_at, id);
            """
    )

    /// Appointments (one active per person and service) and the idempotency keys of booking requests.
    static let appointments = Migration(
        version: 5,
        name: "appointments",
        sql: """
            CREATE TABLE appointments (
                id text PRIMARY KEY,
                slot_id text NOT NULL REFERENCES slots(id),
                person_id text NOT NULL REFERENCES people(id),
                service_id text NOT NULL REFERENCES care_services(id),
                status text NOT NULL,
                check_in_code text NOT NULL,
                booked_by text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX appointments_one_active ON appointments(person_id, service_id) WHERE status = 'booked';
            CREATE INDEX appointments_person ON appointments(person_id);
            CREATE INDEX appointments_slot ON appointments(slot_id);
            CREATE TABLE idempotency_keys (
                principal text NOT NULL,
                key text NOT NULL,
                request_hash bytea NOT NULL,
                appointment_id text NOT NULL REFERENCES appointments(id),
                created_at timestamptz NOT NULL,
                PRIMARY KEY (principal, key)
            );
            """
    )
}
