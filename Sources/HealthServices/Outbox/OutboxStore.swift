/// Where queued text messages are kept. Messages are queued by the transaction of the change they tell of
/// (`enqueue` of the identity and case transactions), so one is sent exactly when its change commits.
public protocol OutboxStore: Sendable {
    /// The newest `limit` messages, newest first.
    func latest(limit: Int) async throws -> [OutboxMessage]
}
