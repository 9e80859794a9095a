/// The notifier of this version: every message goes to the outbox, which operators read with
/// `healthctl outbox list`.
public struct OutboxNotifier: Notifier {
    let store: any OutboxStore
    let clock: WallClock

    public init(store: any OutboxStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    public func send(_ text: String, code: String?, to phone: String) async throws {
        try await store.append(OutboxMessage(to: phone, text: text, code: code, createdAt: clock.now()))
    }
}
