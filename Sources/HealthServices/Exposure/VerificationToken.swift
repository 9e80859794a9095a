public import ContactTracing

/// A token the verify step hands out, stored only as its SHA-256: exchanged once, within 24 hours, for a
/// verification certificate.
public struct VerificationToken: Sendable, Hashable {
    public let tokenHash: [UInt8]
    public let testType: VerificationClaims.TestType
    public let symptomOnsetInterval: UInt32
    public let expiresAt: Timestamp
    /// The retry tag of the code use the token was made for, while it is kept (see ``VerificationCodeUse``).
    public let retryTag: [UInt8]?

    package init(
        tokenHash: [UInt8],
        testType: VerificationClaims.TestType,
        symptomOnsetInterval: UInt32,
        expiresAt: Timestamp,
        retryTag: [UInt8]? = nil
    ) {
        self.tokenHash = tokenHash
        self.testType = testType
        self.symptomOnsetInterval = symptomOnsetInterval
        self.expiresAt = expiresAt
        self.retryTag = retryTag
    }

    /// How long a token stays usable.
    package static let lifetimeSeconds: Int64 = 24 * 3600
}
