/// Deletes personal data past its retention period.
public protocol RetentionStore: Sendable {
    /// Deletes enrolment challenges, completed or not, created at or before `challengesBefore` that have expired by
    /// `now` and outbox messages carrying a code queued at or before `messagesBefore`; forgets the retry tags (with
    /// their windows' exact ends) of exposure verification codes whose retry window closed by `now`, and the
    /// sealed copies of codes expired by `now`; erases the names, phones, national ids and settings of the contacts
    /// of cases that ended at or before `caseContactsBefore`; ends the guardianship of dependants born on or before
    /// `adultsBornBy` (come of age), auditing each (``RetentionReport/guardianshipsEnded(_:)``); returns what it deleted (the count of token retry tags is the exposure store's,
    /// left 0 here).
    func deleteExpired(
        challengesBefore: Timestamp, messagesBefore: Timestamp, caseContactsBefore: Timestamp,
        adultsBornBy: CalendarDate, now: Timestamp
    ) async throws -> RetentionReport
}

/// What one retention run deleted.
public struct RetentionReport: Sendable, Hashable, Codable {
    public let enrolmentChallenges: Int
    public let outboxMessages: Int
    /// Retry tags forgotten by exposure verification codes (health database) and tokens (key server's).
    public var codeRetryTags: Int
    public var tokenRetryTags: Int
    /// Contacts whose details were erased.
    public var contactDetails: Int
    /// Dependants who turned 18: their guardian no longer sees their records nor acts for them.
    public var dependantsOfAge: Int

    public init(
        enrolmentChallenges: Int, outboxMessages: Int, codeRetryTags: Int = 0, tokenRetryTags: Int = 0,
        contactDetails: Int = 0, dependantsOfAge: Int = 0
    ) {
        self.enrolmentChallenges = enrolmentChallenges
        self.outboxMessages = outboxMessages
        self.codeRetryTags = codeRetryTags
        self.tokenRetryTags = tokenRetryTags
        self.contactDetails = contactDetails
        self.dependantsOfAge = dependantsOfAge
    }
}

extension RetentionReport {
    /// The audit entries of guardianships the retention pass ended, one per person come of age: who could see and act
    /// for them changed, as adding a dependant is audited.
    public static func guardianshipsEnded(_ personIDs: [String]) -> [AuditEvent] {
        personIDs.map { AuditEvent(by: .system, "person.come-of-age", subject: "person:\($0)") }
    }
}
