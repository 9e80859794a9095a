public import HealthServices
import PostgresNIO

/// Retention over the PostgreSQL health database: the `enrolment_challenges` and `outbox` tables and the retry
/// tags of `exposure_verification_codes` (and the sealed copies of expired codes), contacts' details and the
/// guardians of dependants come of age, in one transaction.
public struct RetentionPostgresStore: RetentionStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func deleteExpired(
        challengesBefore: Timestamp, messagesBefore: Timestamp, caseContactsBefore: Timestamp,
        adultsBornBy: CalendarDate, now: Timestamp
    ) async throws -> RetentionReport {
        try await database.write { session in
            let challenges = try await session.run(
                """
                DELETE FROM enrolment_challenges
                WHERE created_at <= \(challengesBefore) AND expires_at <= \(now) RETURNING 1
                """)
            let messages = try await session.run(
                "DELETE FROM outbox WHERE code IS NOT NULL AND created_at <= \(messagesBefore) RETURNING 1")
            let retryTags = try await session.run(
                """
                UPDATE exposure_verification_codes SET retry_tag = NULL, retry_until = NULL
                WHERE retry_tag IS NOT NULL AND retry_until <= \(now) RETURNING 1
                """)
            try await session.run(
                """
                UPDATE exposure_verification_codes SET code_sealed = NULL
                WHERE code_sealed IS NOT NULL AND expires_at <= \(now)
                """)
            let contacts = try await session.run(
                """
                UPDATE contacts SET name = NULL, phone = NULL, national_id = NULL, setting = NULL
                WHERE (name IS NOT NULL OR phone IS NOT NULL OR national_id IS NOT NULL OR setting IS NOT NULL)
                  AND EXISTS (
                    SELECT 1 FROM cases WHERE cases.id = contacts.case_id AND cases.closed_at <= \(caseContactsBefore))
                RETURNING 1
                """)
            let ofAge = try await session.all(
                """
                UPDATE people SET guardian_id = NULL
                WHERE guardian_id IS NOT NULL AND date_of_birth <= \(adultsBornBy) RETURNING id
                """
            ) { try $0.decode(String.self) }
            if !ofAge.isEmpty {
                try await AuditPostgresWriter.append(RetentionReport.guardianshipsEnded(ofAge), at: now, on: session)
            }
            return RetentionReport(
                enrolmentChallenges: challenges, outboxMessages: messages, codeRetryTags: retryTags,
                contactDetails: contacts, dependantsOfAge: ofAge.count)
        }
    }
}
