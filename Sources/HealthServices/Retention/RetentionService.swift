/// Deletes what the retention policy says has been kept long enough, and erases the links between exposure
/// verification codes and tokens once their retry window has passed; run by the server's retention job and by
/// `healthctl maintenance run`.
public struct RetentionService: Sendable {
    let store: any RetentionStore
    let exposure: any ExposureStore
    let policy: RetentionPolicy
    let clock: WallClock

    public init(
        store: any RetentionStore, exposure: any ExposureStore, policy: RetentionPolicy = RetentionPolicy(),
        clock: WallClock = .system
    ) {
        self.store = store
        self.exposure = exposure
        self.policy = policy
        self.clock = clock
    }

    /// One pass: deletes every row past its period as of now. The two databases forget their halves of a retry
    /// link separately (either alone unlinks), with the exact end of its window, once that window has closed.
    public func run() async throws -> RetentionReport {
        let now = clock.now()
        var report = try await store.deleteExpired(
            challengesBefore: now.adding(seconds: -policy.enrolmentChallenge),
            messagesBefore: now.adding(seconds: -policy.oneTimeCodeMessage),
            caseContactsBefore: now.adding(seconds: -policy.endedCaseContacts), now: now)
        report.tokenRetryTags = try await exposure.eraseRetryTags(endedBy: now)
        return report
    }
}
