public import HealthServices

/// Retention over `health.sqlite`: the `enrolment_challenges` and `outbox` tables, in one transaction.
public struct RetentionSQLiteStore: RetentionStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func deleteExpired(challengesBefore: Timestamp, messagesBefore: Timestamp, now: Timestamp) async throws
        -> RetentionReport
    {
        try await database.groupedWrite { connection in
            let challenges = try connection.run(
                """
                DELETE FROM enrolment_challenges
                WHERE consumed_at IS NULL AND created_at <= ? AND expires_at <= ?
                """,
                challengesBefore, now)
            let messages = try connection.run(
                "DELETE FROM outbox WHERE code IS NOT NULL AND created_at <= ?", messagesBefore)
            return RetentionReport(enrolmentChallenges: challenges, outboxMessages: messages)
        }
    }
}
