/// A remembered booking request: the caller's key, a hash of what was asked, and the appointment it made.
public struct IdempotencyRecord: Sendable, Hashable {
    /// The caller across tokens (``Principal/stableKey``).
    public let principal: String
    public let key: String
    /// SHA-256 of the canonical request, to tell a retry from a different request under the same key.
    public let requestHash: [UInt8]
    public let appointmentId: String
    public let createdAt: Timestamp

    package init(principal: String, key: String, requestHash: [UInt8], appointmentId: String, createdAt: Timestamp) {
        self.principal = principal
        self.key = key
        self.requestHash = requestHash
        self.appointmentId = appointmentId
        self.createdAt = createdAt
    }
}
