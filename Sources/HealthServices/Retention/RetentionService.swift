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
    /// link separately (either alone unlinks): the health database once the window has closed, which unlinks, and
    /// the key server's ``tokenTagGraceSeconds`` later, so that a retry the health database let in just before the
    /// window closed still finds the earlier token's tag (and with it whether that token was exchanged).
    public func run() async throws -> RetentionReport {
        let now = clock.now()
        var report = try await store.deleteExpired(
            challengesBefore: now.adding(seconds: -policy.enrolmentChallenge),
            messagesBefore: now.adding(seconds: -policy.oneTimeCodeMessage),
            caseContactsBefore: now.adding(seconds: -policy.endedCaseContacts), now: now)
        report.tokenRetryTags = try await exposure.eraseRetryTags(
            endedBy: now.adding(seconds: -Self.tokenTagGraceSeconds))
        return report
    }

    /// How long after the window the key server keeps a token's retry tag: far longer than a retry takes between
    /// its two databases.
    static let tokenTagGraceSeconds: Int64 = 10 * 60
}
