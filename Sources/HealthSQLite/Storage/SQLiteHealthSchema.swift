import HealthServices

/// The migrations of `health.sqlite`, in order. Append only: never edit or reorder a released one.
enum SQLiteHealthSchema {
    static let migrations: [Migration] = [
        identity,
        audit,
        outbox,
        scheduling,
        appointments,
        vaccinations,
        records,
        names,
        operatorExposureCodes,
        exposureCodeRetryTags,
        hashedExposureCodes,
        borderLists,
        cases,
        statisticsCounts,
        healthCards,
        contactsByOrder,
        rapidAntigenDevices,
        orderEndsInBahrain,
        checkInsDueFromTheOrdersDay,
        casesByPerson,
        boostersAfterAFinishedCourse,
        verificationCodeRetries,
        enrolmentChallengesByPhone,
        retentionIndexes,
        wrongCheckInCodes,
    ]

    /// People (citizens and dependants), pending one-time codes, and hashed bearer tokens.
    static let identity = Migration(
        version: 1,
        name: "identity",
        sql: """
            CREATE TABLE people (
                id TEXT PRIMARY KEY,
                national_id TEXT NOT NULL UNIQUE CHECK (length(national_id) = 9),
                date_of_birth TEXT NOT NULL,
                name TEXT NOT NULL,
                phone TEXT,
                guardian_id TEXT REFERENCES people(id),
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX people_guardian ON people(guardian_id) WHERE guardian_id IS NOT NULL;
            CREATE TABLE enrolment_challenges (
                id INTEGER PRIMARY KEY,
                national_id TEXT NOT NULL,
                person_id TEXT REFERENCES people(id),
                date_of_birth TEXT NOT NULL,
                name TEXT NOT NULL,
                phone TEXT NOT NULL,
                code_salt BLOB NOT NULL,
                code_hash BLOB NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                consumed_at TEXT
            ) STRICT;
            CREATE INDEX enrolment_challenges_national_id ON enrolment_challenges(national_id, created_at);
            CREATE TABLE access_tokens (
                id TEXT PRIMARY KEY,
                secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
                role TEXT NOT NULL CHECK (role IN ('citizen', 'lab', 'vaccinator', 'operator', 'verifier', 'admin')),
                name TEXT NOT NULL,
                person_id TEXT REFERENCES people(id),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT,
                CHECK ((role = 'citizen') = (person_id IS NOT NULL))
            ) STRICT;
            """
    )

    /// The append-only, hash-chained audit log; triggers refuse any update or delete.
    static let audit = Migration(
        version: 2,
        name: "audit-log",
        sql: """
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                details TEXT NOT NULL,
                previous_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            ) STRICT;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """
    )

    /// Text messages waiting for delivery (one-time codes).
    static let outbox = Migration(
        version: 3,
        name: "outbox",
        sql: """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                recipient TEXT NOT NULL,
                body TEXT NOT NULL,
                code TEXT,
                created_at TEXT NOT NULL
            ) STRICT;
            """
    )

    /// The service catalogue (seeded with the tests and vaccine products), centres and slots.
    static let scheduling = Migration(
        version: 4,
        name: "scheduling",
        sql: """
            CREATE TABLE care_services (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('test', 'vaccine')),
                product_code TEXT,
                minimum_days_between_doses INTEGER,
                created_at TEXT NOT NULL,
                CHECK ((kind = 'vaccine') = (product_code IS NOT NULL AND minimum_days_between_doses IS NOT NULL))
            ) STRICT;
            INSERT INTO care_services (id, name, kind, product_code, minimum_days_between_doses, created_at) VALUES
                ('pcr', 'PCR test', 'test', NULL, NULL, '2026-01-01T00:00:00Z'),
                ('rapid-antigen', 'Rapid antigen test', 'test', NULL, NULL, '2026-01-01T00:00:00Z'),
                ('comirnaty', 'Comirnaty (Pfizer-BioNTech)', 'vaccine', 'EU/1/20/1528', 21, '2026-01-01T00:00:00Z'),
                ('sinopharm', 'Sinopharm BBIBP-CorV', 'vaccine', 'BBIBP-CorV', 21, '2026-01-01T00:00:00Z'),
                ('vaxzevria', 'Vaxzevria (AstraZeneca)', 'vaccine', 'EU/1/21/1529', 28, '2026-01-01T00:00:00Z'),
                ('sputnik-v', 'Sputnik V', 'vaccine', 'Sputnik-V', 21, '2026-01-01T00:00:00Z');
            CREATE TABLE centres (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                area TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE centre_services (
                centre_id TEXT NOT NULL REFERENCES centres(id),
                service_id TEXT NOT NULL REFERENCES care_services(id),
                PRIMARY KEY (centre_id, service_id)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE slots (
                id TEXT PRIMARY KEY,
                centre_id TEXT NOT NULL,
                service_id TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
                created_at TEXT NOT NULL,
                FOREIGN KEY (centre_id, service_id) REFERENCES centre_services(centre_id, service_id),
                UNIQUE (centre_id, service_id, starts_at)
            ) STRICT;
            CREATE INDEX slots_service_start ON slots(service_id, starts_at);
            CREATE INDEX slots_start ON slots(starts_at);
            """
    )

    /// Appointments (one active per person and service) and the idempotency keys of booking requests.
    /// `status` is checked in code, not by a CHECK, so later states need no table rebuild.
    static let appointments = Migration(
        version: 5,
        name: "appointments",
        sql: """
            CREATE TABLE appointments (
                id TEXT PRIMARY KEY,
                slot_id TEXT NOT NULL REFERENCES slots(id),
                person_id TEXT NOT NULL REFERENCES people(id),
                service_id TEXT NOT NULL REFERENCES care_services(id),
                status TEXT NOT NULL,
                check_in_code TEXT NOT NULL,
                booked_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE UNIQUE INDEX appointments_one_active ON appointments(person_id, service_id) WHERE status = 'booked';
            CREATE INDEX appointments_person ON appointments(person_id);
            CREATE INDEX appointments_slot ON appointments(slot_id);
            CREATE TABLE idempotency_keys (
                principal TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash BLOB NOT NULL,
                appointment_id TEXT NOT NULL REFERENCES appointments(id),
                created_at TEXT NOT NULL,
                PRIMARY KEY (principal, key)
            ) STRICT, WITHOUT ROWID;
            """
    )

    /// Vaccine doses a person has had: the dose-interval rule reads it; recording doses (at a checked-in
    /// appointment, or given abroad with no appointment) writes it. Later migrations add columns as needed.
    static let vaccinations = Migration(
        version: 6,
        name: "vaccinations",
        sql: """
            CREATE TABLE vaccinations (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people(id),
                service_id TEXT NOT NULL REFERENCES care_services(id),
                appointment_id TEXT UNIQUE REFERENCES appointments(id),
                dose_number INTEGER NOT NULL CHECK (dose_number >= 1),
                total_doses INTEGER NOT NULL CHECK (total_doses >= 1),
                administered_at TEXT NOT NULL,
                lot TEXT,
                country TEXT NOT NULL DEFAULT 'BH',
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX vaccinations_person ON vaccinations(person_id, administered_at);
            """
    )

    /// Lab results with their history of corrections, the certificates issued from records, and the one-time
    /// codes a positive result gives for uploading exposure keys.
    static let records = Migration(
        version: 7,
        name: "records",
        sql: """
            CREATE TABLE lab_results (
                id TEXT PRIMARY KEY,
                lab TEXT NOT NULL,
                sample_id TEXT NOT NULL,
                person_id TEXT NOT NULL REFERENCES people(id),
                test TEXT NOT NULL CHECK (test IN ('pcr', 'rapid-antigen')),
                result TEXT NOT NULL CHECK (result IN ('pending', 'negative', 'positive', 'invalid')),
                sampled_at TEXT NOT NULL,
                resulted_at TEXT,
                appointment_id TEXT REFERENCES appointments(id),
                version INTEGER NOT NULL CHECK (version >= 1),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (lab, sample_id)
            ) STRICT;
            CREATE INDEX lab_results_person ON lab_results(person_id, sampled_at);
            CREATE TABLE lab_result_history (
                result_id TEXT NOT NULL REFERENCES lab_results(id),
                version INTEGER NOT NULL,
                result TEXT NOT NULL,
                sampled_at TEXT NOT NULL,
                resulted_at TEXT,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (result_id, version)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE certificates (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people(id),
                type TEXT NOT NULL CHECK (type IN ('v', 't', 'r')),
                uvci TEXT NOT NULL UNIQUE,
                hc1 TEXT NOT NULL,
                vaccination_id TEXT REFERENCES vaccinations(id),
                result_id TEXT REFERENCES lab_results(id),
                issued_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT,
                revocation_reason TEXT,
                CHECK ((vaccination_id IS NULL) != (result_id IS NULL)),
                CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
            ) STRICT;
            CREATE INDEX certificates_person ON certificates(person_id, issued_at);
            CREATE INDEX certificates_revoked ON certificates(revoked_at) WHERE revoked_at IS NOT NULL;
            CREATE TABLE exposure_verification_codes (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL,
                result_id TEXT NOT NULL REFERENCES lab_results(id),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                consumed_at TEXT,
                cancelled_at TEXT
            ) STRICT;
            CREATE UNIQUE INDEX exposure_verification_codes_open ON exposure_verification_codes(code)
                WHERE consumed_at IS NULL AND cancelled_at IS NULL;
            CREATE INDEX exposure_verification_codes_result ON exposure_verification_codes(result_id);
            """
    )
}
