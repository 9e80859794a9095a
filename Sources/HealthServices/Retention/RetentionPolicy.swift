/// How long personal data that has served its purpose is kept before the retention job deletes it.
public struct RetentionPolicy: Sendable, Hashable {
    /// An enrolment never completed (its code unused) is deleted this long after it started, so its name, phone
    /// and national ID go once the code has expired and the one-hour window of the per-ID code limit has passed.
    public var unfinishedEnrolment: Int64
    /// A queued text message that carries a one-time code is deleted this long after it was queued, well after
    /// the code has expired and the gateway has sent it.
    public var oneTimeCodeMessage: Int64

    /// The defaults: one hour for both (codes expire after 10 minutes).
    public init(unfinishedEnrolment: Int64 = 3600, oneTimeCodeMessage: Int64 = 3600) {
        self.unfinishedEnrolment = unfinishedEnrolment
        self.oneTimeCodeMessage = oneTimeCodeMessage
    }
}
