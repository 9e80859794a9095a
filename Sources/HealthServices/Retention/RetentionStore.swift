/// Deletes personal data past its retention period.
public protocol RetentionStore: Sendable {
    /// Deletes never-completed enrolment challenges created at or before `challengesBefore` that have expired by
    /// `now`, and outbox messages carrying a code queued at or before `messagesBefore`; returns what it deleted.
    func deleteExpired(challengesBefore: Timestamp, messagesBefore: Timestamp, now: Timestamp) async throws
        -> RetentionReport
}

/// What one retention run deleted.
public struct RetentionReport: Sendable, Hashable, Codable {
    public let enrolmentChallenges: Int
    public let outboxMessages: Int

    public init(enrolmentChallenges: Int, outboxMessages: Int) {
        self.enrolmentChallenges = enrolmentChallenges
        self.outboxMessages = outboxMessages
    }
}
