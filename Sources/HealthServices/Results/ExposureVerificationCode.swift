/// A one-time code a positive result gives its owner for uploading their exposure keys, valid for 24 hours.
///
/// Kept in clear (not hashed) because the owner sees it with the result until it is used; it is never logged.
public struct ExposureVerificationCode: Sendable, Hashable {
    public let code: String
    public let resultId: String
    public let createdAt: Timestamp
    public let expiresAt: Timestamp

    package init(code: String, resultId: String, createdAt: Timestamp, expiresAt: Timestamp) {
        self.code = code
        self.resultId = resultId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// How long a code stays usable.
    static let lifetimeSeconds: Int64 = 24 * 3600
    /// Ten digits: short enough to type, too many to guess within a code's lifetime.
    static let digitCount = 10
}
