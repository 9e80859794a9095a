public import HealthServices

/// Retention over `health.sqlite`: the `enrolment_challenges` and `outbox` tables and the retry tags of
/// `exposure_verification_codes` (and the sealed copies of expired codes), contacts' details and the guardians of
/// dependants come of age, in one transaction.
public struct RetentionSQLiteStore: RetentionStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func deleteExpired(
        challengesBefore: Timestamp, messagesBefore: Timestamp, caseContactsBefore: Timestamp,
        adultsBornBy: CalendarDate, now: Timestamp
    ) async throws -> RetentionReport {
        try await database.groupedWrite { connection in
            let challenges = try connection.run(
                """
                DELETE FROM enrolment_challenges
                WHERE created_at <= ? AND expires_at <= ?
                """,
                challengesBefore, now)
            let messages = try connection.run(
                "DELETE FROM outbox WHERE code IS NOT NULL AND created_at <= ?", messagesBefore)
            let retryTags = try connection.run(
                """
                UPDATE exposure_verification_codes SET retry_tag = NULL, retry_until = NULL
                WHERE retry_tag IS NOT NULL AND retry_until <= ?
                """,
                now)
            try connection.run(
                "UPDATE exposure_verification_codes SET code_sealed = NULL WHERE code_sealed IS NOT NULL AND expires_at <= ?",
                now)
            let contacts = try connection.run(
                """
                UPDATE contacts SET name = NULL, phone = NULL, national_id = NULL, setting = NULL
                WHERE (name IS NOT NULL OR phone IS NOT NULL OR national_id IS NOT NULL OR setting IS NOT NULL)
                  AND EXISTS (SELECT 1 FROM cases WHERE cases.id = contacts.case_id AND cases.closed_at <= ?)
                """,
                caseContactsBefore)
            let ofAge = try connection.query(
                "UPDATE people SET guardian_id = NULL WHERE guardian_id IS NOT NULL AND date_of_birth <= ? RETURNING id",
                adultsBornBy
            ) { try $0.get(0, as: String.self) }
            for event in RetentionReport.guardianshipsEnded(ofAge) {
                try AuditSQLiteWriter.append(event, at: now, on: connection)
            }
            return RetentionReport(
                enrolmentChallenges: challenges, outboxMessages: messages, codeRetryTags: retryTags,
                contactDetails: contacts, dependantsOfAge: ofAge.count)
        }
    }
}
