/// Lets operators read the outbox.
public struct OutboxService: Sendable {
    let store: any OutboxStore

    public init(store: any OutboxStore) {
        self.store = store
    }

    /// The newest `limit` messages (1…10,000), newest first.
    public func latest(limit: Int) async throws -> [OutboxMessage] {
        try await store.latest(limit: max(1, min(limit, 10_000)))
    }
}
