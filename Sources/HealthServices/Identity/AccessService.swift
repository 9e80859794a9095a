/// Staff tokens (issue, list, revoke) and the bearer-token check every protected route makes.
public struct AccessService: Sendable {
    let store: any IdentityStore
    let clock: WallClock
    let tokens = TokenCache()

    /// The longest a staff token may live, in minutes (one year).
    static let maxStaffTokenMinutes = 366 * 1440

    public init(store: any IdentityStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// Issues a token for a staff role, valid for `validForMinutes`; the secret is in the result only.
    public func issueStaffToken(role: Role, name: String, validForMinutes: Int, by principal: Principal) async throws
        -> IssuedToken
    {
        guard Role.staff.contains(role) else {
            throw ServiceError(.invalidRole, "Staff tokens are for lab, vaccinator, operator, verifier or admin.")
        }
        let name = name.trimmingWhitespace()
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix("citizen:"),
            name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
        else {
            throw ServiceError(.invalidTokenName, "The token name must be 1 to 64 printable ASCII characters.")
        }
        guard (1...Self.maxStaffTokenMinutes).contains(validForMinutes) else {
            throw ServiceError(.invalidExpiry, "A staff token must expire within a year.")
        }
        let now = clock.now()
        let secret = AccessToken.generateSecret()
        let token = AccessToken(
            id: OpaqueID.make("tok"), role: role, name: name, personId: nil, createdAt: now,
            expiresAt: now.adding(seconds: Int64(validForMinutes) * 60), revokedAt: nil
        )
        try await store.write { transaction in
            try await transaction.insert(token, secretHash: AccessToken.hash(ofSecret: secret))
            try await transaction.append(
                AuditEvent(
                    by: principal, "token.create", subject: "token:\(token.id)",
                    details: ["role": role.rawValue, "name": name]),
                at: now
            )
        }
        return IssuedToken(secret: secret, record: token)
    }

    /// Every staff token, active or not, oldest first.
    public func staffTokens() async throws -> [AccessToken] {
        try await store.read { try await $0.tokens() }
    }

    /// Revokes a token: this process refuses it at once, other processes (servers, the CLI) within
    /// ``TokenCache/lifetime``.
    public func revoke(tokenID: String, by principal: Principal) async throws {
        let now = clock.now()
        try await store.write { transaction in
            guard try await transaction.revokeToken(id: tokenID, at: now) else {
                throw ServiceError(.tokenNotFound, "No unrevoked token has this id.")
            }
            try await transaction.append(
                AuditEvent(by: principal, "token.revoke", subject: "token:\(tokenID)"), at: now)
        }
        tokens.revoke(tokenID: tokenID)
    }

    /// The principal behind an `Authorization: Bearer …` header value.
    public func authenticate(authorization: String?) async throws -> Principal {
        try await principal(verifying: credential(authorization: authorization, roles: Set(Role.allCases)))
    }

    /// The well-formed credential of a header value for a route that allows `roles`, not yet looked up.
    package func credential(authorization: String?, roles: Set<Role>) throws(ServiceError) -> BearerCredential {
        try BearerCredential(authorization: authorization, roles: roles, now: clock.now())
    }

    /// The caller behind `credential`: from the token found active in the last second (see ``TokenCache``), else
    /// looked up in a read of its own.
    package func principal(verifying credential: BearerCredential) async throws -> Principal {
        let readStart = ContinuousClock.now
        if let token = tokens.token(secretHash: credential.secretHash, at: readStart) {
            return try credential.principal(of: token)
        }
        let generation = tokens.generation
        let token = try await store.read { try await $0.token(secretHash: credential.secretHash) }
        if let token, token.isActive(at: credential.now) {
            tokens.store(token, secretHash: credential.secretHash, readStart: readStart, generation: generation)
        }
        return try credential.principal(of: token)
    }
}

extension ServiceError.Code {
    public static let invalidRole = Self("invalid-role", .invalidInput)
    public static let invalidTokenName = Self("invalid-token-name", .invalidInput)
    public static let invalidExpiry = Self("invalid-expiry", .invalidInput)
    public static let tokenNotFound = Self("token-not-found", .notFound)
    public static let missingToken = Self("missing-token", .unauthenticated)
    public static let invalidToken = Self("invalid-token", .unauthenticated)
    public static let forbiddenRole = Self("forbidden-role", .forbidden)
}
