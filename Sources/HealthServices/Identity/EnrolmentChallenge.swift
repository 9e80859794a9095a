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
}
