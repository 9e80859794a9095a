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
    /// window closed still finds the earlier token's tag (and with it whether that token was exchanged). The key
    /// server's half runs whether or not the health database's failed (a full disk under it); a failure is thrown
    /// once both have run.
    public func run() async throws -> RetentionReport {
        let now = clock.now()
        let health: Result<RetentionReport, any Error>
        do {
            health = .success(
                try await store.deleteExpired(
                    challengesBefore: now.adding(seconds: -policy.enrolmentChallenge),
                    messagesBefore: now.adding(seconds: -policy.oneTimeCodeMessage),
                    caseContactsBefore: now.adding(seconds: -policy.endedCaseContacts),
                    adultsBornBy: now.civilDate.yearsEarlier(AccountService.adultAge), now: now))
        } catch {
            health = .failure(error)
        }
        let tokenTags = try await exposure.eraseRetryTags(endedBy: now.adding(seconds: -Self.tokenTagGraceSeconds))
        var report = try health.get()
        report.tokenRetryTags = tokenTags
        return report
    }

    /// How long after the window the key server keeps a token's retry tag: far longer than a retry takes between
    /// its two databases.
    static let tokenTagGraceSeconds: Int64 = 10 * 60
}
