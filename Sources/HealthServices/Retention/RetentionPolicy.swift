/// How long personal data that has served its purpose is kept before the retention job deletes it.
public struct RetentionPolicy: Sendable, Hashable {
    /// An enrolment challenge is deleted this long after it started, so the name, phone and national ID it holds go
    /// once the code has expired and the one-hour window of the per-ID code limit has passed. A completed one too:
    /// the person's record holds what it enrolled, kept up to date, and a challenge's copy would outlive a change.
    public var enrolmentChallenge: Int64
    /// A queued text message that carries a one-time code is deleted this long after it was queued, well after
    /// the code has expired and the gateway has sent it.
    public var oneTimeCodeMessage: Int64
    /// A case's contacts keep their names, phones, national ids and settings this long after the case ended
    /// (recovered or closed); then only the dates and the links to orders remain, so the counts stay.
    public var endedCaseContacts: Int64

    /// The defaults: one hour for enrolments and code messages (codes expire after 10 minutes), 30 days for the
    /// contacts of ended cases.
    public init(
        enrolmentChallenge: Int64 = 3600, oneTimeCodeMessage: Int64 = 3600, endedCaseContacts: Int64 = 30 * 86_400
    ) {
        self.enrolmentChallenge = enrolmentChallenge
        self.oneTimeCodeMessage = oneTimeCodeMessage
        self.endedCaseContacts = endedCaseContacts
    }
}
