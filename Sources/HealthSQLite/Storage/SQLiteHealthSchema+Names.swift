import HealthServices

extension SQLiteHealthSchema {
    /// Names as on the passport: family and given names in their own script and their Latin forms, for people
    /// and for the enrolments that create them, and the certificates that wait for a Latin form.
    ///
    /// People registered before keep their one `name` untouched: a NULL `family_name` means the name was given
    /// whole, and its last word is the family name, as it always was.
    static let names = Migration(
        version: 8,
        name: "passport-names",
        sql: """
            ALTER TABLE people ADD COLUMN family_name TEXT;
            ALTER TABLE people ADD COLUMN given_name TEXT;
            ALTER TABLE people ADD COLUMN family_name_latin TEXT;
            ALTER TABLE people ADD COLUMN given_name_latin TEXT;
            ALTER TABLE enrolment_challenges ADD COLUMN family_name TEXT;
            ALTER TABLE enrolment_challenges ADD COLUMN given_name TEXT;
            ALTER TABLE enrolment_challenges ADD COLUMN family_name_latin TEXT;
            ALTER TABLE enrolment_challenges ADD COLUMN given_name_latin TEXT;
            CREATE TABLE waiting_certificates (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people(id),
                type TEXT NOT NULL CHECK (type IN ('v', 't', 'r')),
                vaccination_id TEXT REFERENCES vaccinations(id),
                result_id TEXT REFERENCES lab_results(id),
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL,
                resolved_at TEXT,
                certificate_id TEXT REFERENCES certificates(id),
                CHECK ((vaccination_id IS NULL) != (result_id IS NULL)),
                CHECK (certificate_id IS NULL OR resolved_at IS NOT NULL)
            ) STRICT;
            CREATE INDEX waiting_certificates_open ON waiting_certificates(person_id) WHERE resolved_at IS NULL;
            CREATE INDEX waiting_certificates_result ON waiting_certificates(result_id) WHERE result_id IS NOT NULL;
            """
    )
}

extension SQLiteHealthSchema {
    /// A rapid antigen result's test device, which its test certificate names (`ma`); results recorded before have
    /// none, and their labs' corrections may add it.
    static let rapidAntigenDevices = Migration(
        version: 17,
        name: "rapid-antigen-devices",
        sql: """
            ALTER TABLE lab_results ADD COLUMN device TEXT CHECK (device IS NULL OR test = 'rapid-antigen');
            ALTER TABLE lab_result_history ADD COLUMN device TEXT;
            """
    )
}
