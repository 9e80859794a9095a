import HealthServices

extension SQLiteHealthSchema {
    /// Enrolment challenges by the mobile number a code was asked for, for the hourly limit per number.
    static let enrolmentChallengesByPhone = Migration(
        version: 23,
        name: "enrolment-challenges-by-phone",
        sql: "CREATE INDEX enrolment_challenges_phone ON enrolment_challenges(phone, created_at);"
    )

    /// What the retention pass erases, indexed by what it erases: it runs every few minutes holding the one writer,
    /// and without these scanned every code message, exposure code and contact ever stored (the contacts of cases
    /// long ended included, erased already), so its stall grew with the history; dependants by their birth, for
    /// those come of age. And orders by their end, for the missed check-ins of a day, released orders included.
    static let retentionIndexes = Migration(
        version: 24,
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

    /// Wrong check-in codes tried per appointment, so that a code (4 digits) cannot be guessed by trying them all.
    static let wrongCheckInCodes = Migration(
        version: 25,
        name: "wrong-check-in-codes",
        sql: "ALTER TABLE appointments ADD COLUMN wrong_check_in_codes INTEGER NOT NULL DEFAULT 0;"
    )
}
