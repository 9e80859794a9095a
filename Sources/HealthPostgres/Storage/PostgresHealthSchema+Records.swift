import HealthServices

extension PostgresHealthSchema {
    /// Vaccine doses, lab results with their history of corrections, the certificates issued from records and
    /// those waiting for a Latin name, and the one-time codes for uploading exposure keys (from a positive
    /// result, or issued by an operator for a case confirmed elsewhere).
    static let records = Migration(
        version: 6,
        name: "records",
        sql: """
            CREATE TABLE vaccinations (
                id text PRIMARY KEY,
                person_id text NOT NULL REFERENCES people(id),
                service_id text NOT NULL REFERENCES care_services(id),
                appointment_id text UNIQUE REFERENCES appointments(id),
                dose_number integer NOT NULL CHECK (dose_number >= 1),
                total_doses integer NOT NULL CHECK (total_doses >= 1),
                administered_at timestamptz NOT NULL,
                lot text,
                country text NOT NULL DEFAULT 'BH',
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL
            );
            CREATE INDEX vaccinations_person ON vaccinations(person_id, administered_at);
            CREATE TABLE lab_results (
                id text PRIMARY KEY,
                lab text NOT NULL,
                sample_id text NOT NULL,
                person_id text NOT NULL REFERENCES people(id),
                test text NOT NULL CHECK (test IN ('pcr', 'rapid-antigen')),
                result text NOT NULL CHECK (result IN ('pending', 'negative', 'positive', 'invalid')),
                sampled_at timestamptz NOT NULL,
                resulted_at timestamptz,
                appointment_id text REFERENCES appointments(id),
                version integer NOT NULL CHECK (version >= 1),
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                UNIQUE (lab, sample_id)
            );
            CREATE INDEX lab_results_person ON lab_results(person_id, sampled_at);
            CREATE TABLE lab_result_history (
                result_id text NOT NULL REFERENCES lab_results(id),
                version integer NOT NULL,
                result text NOT NULL,
                sampled_at timestamptz NOT NULL,
                resulted_at timestamptz,
                recorded_by text NOT NULL,
                recorded_at timestamptz NOT NULL,
                PRIMARY KEY (result_id, version)
            );
            CREATE TABLE certificates (
                id text PRIMARY KEY,
                person_id text NOT NULL REFERENCES people(id),
                type text NOT NULL CHECK (type IN ('v', 't', 'r')),
                uvci text NOT NULL UNIQUE,
                hc1 text NOT NULL,
                vaccination_id text REFERENCES vaccinations(id),
                result_id text REFERENCES lab_results(id),
                issued_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz,
                revocation_reason text,
                CHECK ((vaccination_id IS NULL) != (result_id IS NULL)),
                CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
            );
            CREATE INDEX certificates_person ON certificates(person_id, issued_at);
            CREATE INDEX certificates_revoked ON certificates(revoked_at) WHERE revoked_at IS NOT NULL;
            CREATE TABLE waiting_certificates (
                id text PRIMARY KEY,
                person_id text NOT NULL REFERENCES people(id),
                type text NOT NULL CHECK (type IN ('v', 't', 'r')),
                vaccination_id text REFERENCES vaccinations(id),
                result_id text REFERENCES lab_results(id),
                reason text NOT NULL,
                created_at timestamptz NOT NULL,
                resolved_at timestamptz,
                certificate_id text REFERENCES certificates(id),
                CHECK ((vaccination_id IS NULL) != (result_id IS NULL)),
                CHECK (certificate_id IS NULL OR resolved_at IS NOT NULL)
            );
            CREATE INDEX waiting_certificates_open ON waiting_certificates(person_id) WHERE resolved_at IS NULL;
            CREATE INDEX waiting_certificates_result ON waiting_certificates(result_id) WHERE result_id IS NOT NULL;
            CREATE TABLE exposure_verification_codes (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                code text NOT NULL,
                result_id text REFERENCES lab_results(id),
                test_type text CHECK (test_type IN ('confirmed', 'likely')),
                test_date date,
                symptom_date date,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                consumed_at timestamptz,
                cancelled_at timestamptz,
                CHECK ((result_id IS NULL) = (test_type IS NOT NULL AND test_date IS NOT NULL))
            );
            CREATE UNIQUE INDEX exposure_verification_codes_open ON exposure_verification_codes(code)
                WHERE consumed_at IS NULL AND cancelled_at IS NULL;
            CREATE INDEX exposure_verification_codes_result ON exposure_verification_codes(result_id);
            """
    )
}

extension PostgresHealthSchema {
    /// A rapid antigen result's test device (see `SQLiteHealthSchema.rapidAntigenDevices`).
    static let rapidAntigenDevices = Migration(
        version: 19,
        name: "rapid-antigen-devices",
        sql: """
            ALTER TABLE lab_results ADD COLUMN device text CHECK (device IS NULL OR test = 'rapid-antigen');
            ALTER TABLE lab_result_history ADD COLUMN device text;
            """
    )
}
