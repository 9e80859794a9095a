/// What verifying a one-time code returns: the citizen's bearer token and person id.
public struct CitizenSession: Sendable, Hashable, Codable {
    public let token: String
    public let personId: String
    public let expiresAt: Timestamp
}
