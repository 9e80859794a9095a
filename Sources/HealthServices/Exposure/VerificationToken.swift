public import ContactTracing

/// A token the verify step hands out, stored only as its SHA-256: exchanged once for a verification certificate
/// until it expires, 24 hours after it was made rounded down to the hour (so after 23 to 24 hours). Its expiry and
/// its use are stored to the hour (see ``VerificationCodeUse``).
public struct VerificationToken: Sendable, Hashable {
    public let tokenHash: [UInt8]
    public let testType: VerificationClaims.TestType
    public let symptomOnsetInterval: UInt32
    public let expiresAt: Timestamp
    /// The retry tag of the code use the token was made for, while it is kept (see ``VerificationCodeUse``).
    public let retryTag: [UInt8]?
    /// When the retry window of that use closes; kept and erased with the tag.
    public let retryUntil: Timestamp?

    package init(
        tokenHash: [UInt8],
        testType: VerificationClaims.TestType,
        symptomOnsetInterval: UInt32,
        expiresAt: Timestamp,
        retryTag: [UInt8]? = nil,
        retryUntil: Timestamp? = nil
    ) {
        self.tokenHash = tokenHash
        self.testType = testType
        self.symptomOnsetInterval = symptomOnsetInterval
        self.expiresAt = expiresAt
        self.retryTag = retryTag
        self.retryUntil = retryUntil
    }

    /// How long a token stays usable.
    package static let lifetimeSeconds: Int64 = 24 * 3600
}
