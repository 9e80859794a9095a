/// Deletes what the retention policy says has been kept long enough; run by the server's retention job and by
/// `healthctl maintenance run`.
public struct RetentionService: Sendable {
    let store: any RetentionStore
    let policy: RetentionPolicy
    let clock: WallClock

    public init(store: any RetentionStore, policy: RetentionPolicy = RetentionPolicy(), clock: WallClock = .system) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// One pass: deletes every row past its period as of now.
    public func run() async throws -> RetentionReport {
        let now = clock.now()
        return try await store.deleteExpired(
            challengesBefore: now.adding(seconds: -policy.unfinishedEnrolment),
            messagesBefore: now.adding(seconds: -policy.oneTimeCodeMessage),
            now: now)
    }
}
