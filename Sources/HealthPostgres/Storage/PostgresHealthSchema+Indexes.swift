import HealthServices

extension PostgresHealthSchema {
    /// As SQLite's migration 23: enrolment challenges by the mobile number a code was asked for, for the hourly
    /// limit per number.
    static let enrolmentChallengesByPhone = Migration(
        version: 26,
        name: "enrolment-challenges-by-phone",
        sql: "CREATE INDEX enrolment_challenges_phone ON enrolment_challenges(phone, created_at);"
    )

    /// As SQLite's migration 24: what the retention pass erases, indexed by what it erases, so that its work does
    /// not grow with the history; and orders by their end, for the missed check-ins of a day.
    static let retentionIndexes = Migration(
        version: 27,
        name: "retention-and-missed-check-in-indexes",
        sql: """
            CREATE INDEX outbox_code_messages ON outbox(created_at) WHERE code IS NOT NULL;
            CREATE INDEX exposure_verification_codes_sealed ON exposure_verification_codes(expires_at)
                WHERE code_sealed IS NOT NULL;
            CREATE INDEX contacts_details ON contacts(case_id)
                WHERE name IS NOT NULL OR phone IS NOT NULL OR national_id IS NOT NULL OR setting IS NOT NULL;
            CREATE INDEX orders_end ON orders(end_date);
            CREATE INDEX people_dependants_born ON people(date_of_birth) WHERE guardian_id IS NOT NULL;
            """
    )

    /// As SQLite's migration 25: wrong check-in codes tried per appointment.
    static let wrongCheckInCodes = Migration(
        version: 28,
        name: "wrong-check-in-codes",
        sql: "ALTER TABLE appointments ADD COLUMN wrong_check_in_codes integer NOT NULL DEFAULT 0;"
    )
}
