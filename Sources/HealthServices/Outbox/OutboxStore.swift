/// Where queued text messages are kept.
public protocol OutboxStore: Sendable {
    /// Queues a message in a transaction of its own, committed before it returns; it is not audited. Retention deletes
    /// messages that carry a code once they are old enough. On PostgreSQL a COMMIT left unanswered cannot be settled
    /// here (no audit entry records the transaction's id): it is `writeOutcomeUnknown`.
    func append(_ message: OutboxMessage) async throws
    /// The newest `limit` messages, newest first.
    func latest(limit: Int) async throws -> [OutboxMessage]
}
