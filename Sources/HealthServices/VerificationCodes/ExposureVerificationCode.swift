/// A one-time code for uploading exposure keys, valid for 24 hours: given by a positive result to its owner, or
/// issued by an operator for a case confirmed elsewhere (then it carries its diagnosis and no result).
///
/// The code is in clear only in memory (and never logged): the health database keeps its keyed hash and, for a
/// result's code until it is used, a sealed copy to show its owner (see ``VerificationCodeKeys``).
public struct ExposureVerificationCode: Sendable, Hashable {
    public let code: String
    /// The positive result the code was given for; nil for a code an operator issued.
    public let resultId: String?
    public let createdAt: Timestamp
    public let expiresAt: Timestamp
    /// The diagnosis of an operator-issued code; a result's code takes it from the result when used.
    public var diagnosis: VerifiedDiagnosis? = nil

    package init(
        code: String,
        resultId: String?,
        createdAt: Timestamp,
        expiresAt: Timestamp,
        diagnosis: VerifiedDiagnosis? = nil
    ) {
        self.code = code
        self.resultId = resultId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.diagnosis = diagnosis
    }

    /// How long a code stays usable.
    package static let lifetimeSeconds: Int64 = 24 * 3600
    /// Ten digits: short enough to type, too many to guess within a code's lifetime.
    static let digitCount = 10
}
