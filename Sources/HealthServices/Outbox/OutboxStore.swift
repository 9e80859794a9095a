/// Where queued text messages are kept.
public protocol OutboxStore: Sendable {
    func append(_ message: OutboxMessage) async throws
    /// The newest `limit` messages, newest first.
    func latest(limit: Int) async throws -> [OutboxMessage]
}
