/// A pending one-time code: sent to a mobile number, stored only as a salted SHA-256, valid for a few minutes
/// and a few attempts.
public struct EnrolmentChallenge: Sendable, Hashable {
    public var id: Int64
    public let nationalID: NationalID
    /// The enrolled person the code logs in as; nil when verifying creates the person.
    public let personID: String?
    public let details: PersonDetails
    public let salt: [UInt8]
    public let codeHash: [UInt8]
    public let attempts: Int
    public let createdAt: Timestamp
    public let expiresAt: Timestamp

    package init(
        id: Int64,
        nationalID: NationalID,
        personID: String?,
        details: PersonDetails,
        salt: [UInt8],
        codeHash: [UInt8],
        attempts: Int,
        createdAt: Timestamp,
        expiresAt: Timestamp
    ) {
        self.id = id
        self.nationalID = nationalID
        self.personID = personID
        self.details = details
        self.salt = salt
        self.codeHash = codeHash
        self.attempts = attempts
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
