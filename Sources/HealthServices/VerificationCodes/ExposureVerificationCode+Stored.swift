/// A result's open code as the health database keeps it: its hash and the copy sealed for its owner.
public struct SealedVerificationCode: Sendable, Hashable {
    public let hash: [UInt8]
    public let sealed: [UInt8]
    public let createdAt: Timestamp
    public let expiresAt: Timestamp

    package init(hash: [UInt8], sealed: [UInt8], createdAt: Timestamp, expiresAt: Timestamp) {
        self.hash = hash
        self.sealed = sealed
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A used code as the health database returns it for a use or a retry: what it vouches for, and the retry tag and
/// retry window of its first use (see ``VerificationCodeUse``).
public struct UsedVerificationCode: Sendable, Hashable {
    public let resultId: String?
    public let diagnosis: VerifiedDiagnosis?
    public let retryTag: [UInt8]
    public let retryUntil: Timestamp

    package init(resultId: String?, diagnosis: VerifiedDiagnosis?, retryTag: [UInt8], retryUntil: Timestamp) {
        self.resultId = resultId
        self.diagnosis = diagnosis
        self.retryTag = retryTag
        self.retryUntil = retryUntil
    }
}
