/// A one-time code for uploading exposure keys, valid for 24 hours: given by a positive result to its owner, or
/// issued by an operator for a case confirmed elsewhere (then it carries its diagnosis and no result).
///
/// Kept in clear (not hashed) because the owner sees it with the result until it is used; it is never logged.
public struct ExposureVerificationCode: Sendable, Hashable {
    public let code: String
    /// The positive result the code was given for; nil for a code an operator issued.
    public let resultId: String?
    public let createdAt: Timestamp
    public let expiresAt: Timestamp
    /// The diagnosis of an operator-issued code; a result's code takes it from the result when used.
    public var diagnosis: VerifiedDiagnosis? = nil
    /// The retry tag of the code's use, while it is kept (see ``VerificationCodeUse``); nil for an unused code.
    public var retryTag: [UInt8]? = nil

    package init(
        code: String,
        resultId: String?,
        createdAt: Timestamp,
        expiresAt: Timestamp,
        diagnosis: VerifiedDiagnosis? = nil,
        retryTag: [UInt8]? = nil
    ) {
        self.code = code
        self.resultId = resultId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.diagnosis = diagnosis
        self.retryTag = retryTag
    }

    /// How long a code stays usable.
    package static let lifetimeSeconds: Int64 = 24 * 3600
    /// Ten digits: short enough to type, too many to guess within a code's lifetime.
    static let digitCount = 10
}
