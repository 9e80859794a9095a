import CryptoCore

/// A bearer token's record. The secret itself is shown once at issue and stored only as its SHA-256.
public struct AccessToken: Sendable, Hashable, Codable {
    public let id: String
    public let role: Role
    /// The staff member or system the token is for; `citizen:<personId>` for citizen tokens.
    public let name: String
    public let personId: String?
    public let createdAt: Timestamp
    public let expiresAt: Timestamp
    public let revokedAt: Timestamp?

    package init(
        id: String,
        role: Role,
        name: String,
        personId: String?,
        createdAt: Timestamp,
        expiresAt: Timestamp,
        revokedAt: Timestamp?
    ) {
        self.id = id
        self.role = role
        self.name = name
        self.personId = personId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token is unrevoked and unexpired at `now`.
    public func isActive(at now: Timestamp) -> Bool {
        revokedAt == nil && now < expiresAt
    }

    /// A new random secret: `hs_` and 256 random bits in hex.
    static func generateSecret() -> String {
        "hs_" + Hex.encode(SecureRandom.bytes(count: 32))
    }

    /// What the database stores and looks tokens up by.
    static func hash(ofSecret secret: String) -> [UInt8] {
        SHA256.hash(Array(secret.utf8))
    }
}

/// A token just issued: the secret (shown once) and its record.
public struct IssuedToken: Sendable {
    public let secret: String
    public let record: AccessToken
}
