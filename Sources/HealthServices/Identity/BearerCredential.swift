/// A bearer token from a request's `Authorization` header: well formed, but not yet looked up (see
/// ``AccessService/principal(verifying:)``).
public struct BearerCredential: Sendable {
    /// The SHA-256 of the secret, which is what `access_tokens` stores.
    let secretHash: [UInt8]
    /// The roles the route allows.
    let roles: Set<Role>
    /// When the request came: a token that has expired by then is refused.
    let now: Timestamp

    /// Reads `Bearer <token>`: no header is missing-token, any other shape invalid-token.
    init(authorization: String?, roles: Set<Role>, now: Timestamp) throws(ServiceError) {
        guard let authorization, !authorization.isEmpty else {
            throw ServiceError(.missingToken, "This route needs an Authorization: Bearer token.")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].utf8.count <= 128 else {
            throw ServiceError(.invalidToken, "The Authorization header must be 'Bearer <token>'.")
        }
        secretHash = AccessToken.hash(ofSecret: String(parts[1]))
        self.roles = roles
        self.now = now
    }

    /// The caller behind the token, `token` being what the store holds for ``secretHash``: a token that is unknown,
    /// expired or revoked is invalid-token, and one whose role the route does not allow is forbidden-role.
    func principal(of token: AccessToken?) throws(ServiceError) -> Principal {
        guard let token, token.isActive(at: now) else {
            throw ServiceError(.invalidToken, "The token is unknown, expired or revoked.")
        }
        let principal =
            if token.role == .citizen, let personID = token.personId {
                Principal.citizen(personID: personID)
            } else {
                Principal(role: token.role, name: token.name, personID: nil)
            }
        guard roles.contains(principal.role) else {
            throw ServiceError(.forbiddenRole, "The \(principal.role.rawValue) role may not use this route.")
        }
        return principal
    }
}
