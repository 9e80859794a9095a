import CryptoCore

/// The key server's key files, changed by operators, each change audited; running servers read them again within
/// `AppConfiguration.keyCheckInterval` (see ``ExposureKeys``).
///
/// Rotation adds a new export key (exports then carry a signature by it and by the one before, so apps configured
/// with either verify them) or a new certificate key (new verification certificates carry its kid; the older ones
/// stay listed to check what they signed). Trust lets another operator's verification server feed this key server:
/// its certificate key is trusted for its issuer, and certificates it signs are checked exactly as ours are (ES256,
/// a kid known for that issuer, our audience, expiry, tekmac).
public struct ExposureKeyService: Sendable {
    let store: any RecordStore
    let keys: ExposureKeyStore
    let clock: WallClock

    public init(store: any RecordStore, keys: ExposureKeyStore, clock: WallClock) {
        self.store = store
        self.keys = keys
        self.clock = clock
    }

    /// Trusts `publicKeyPEM` (a P-256 public key) as the certificate key `kid` of `issuer`, and audits it. The key
    /// is written first and the audit entry after: should the audit fail, the key is removed again, so a key is
    /// trusted only with its entry.
    public func trust(issuer: String, kid: String, publicKeyPEM: String, by principal: Principal) async throws {
        guard ExposureKeyStore.isValidTrustName(issuer) else {
            throw ServiceError(.invalidIssuer, "The issuer must be 1 to 64 letters, digits, '.', '_' or '-'.")
        }
        guard ExposureKeyStore.isValidTrustName(kid) else {
            throw ServiceError(.invalidKid, "The kid must be 1 to 64 letters, digits, '.', '_' or '-'.")
        }
        guard let key = try? P256PublicKey(pemRepresentation: publicKeyPEM) else {
            throw ServiceError(.invalidTrustedKey, "The key must be a P-256 (ES256) public key in PEM.")
        }
        guard try keys.trust(issuer: issuer, kid: kid, key: key) else {
            throw ServiceError(.keyAlreadyTrusted, "The issuer already has a trusted key with this kid.")
        }
        try await store.audit(
            AuditEvent(
                by: principal, "exposure-issuer.trust", subject: "exposure-issuer:\(issuer)", details: ["kid": kid]),
            at: clock.now()
        ) { keys.forget(issuer: issuer, kid: kid) }
    }

    /// Writes the next version of `kind` and audits it; the new version. Should the audit fail, the key is removed
    /// again, so a key exists only with its entry.
    public func rotate(_ kind: ExposureKeyKind, by principal: Principal) async throws -> String {
        let version: String
        do {
            version = try keys.rotate(kind)
        } catch let error as ExposureKeyStoreError {
            throw ServiceError(.exposureKeyRotationRefused, "The key was not rotated: \(error.description).")
        }
        try await store.audit(
            AuditEvent(
                by: principal, "exposure-key.rotate", subject: "exposure-key:\(kind.rawValue)",
                details: ["version": version]),
            at: clock.now()
        ) { keys.undoRotation(kind, version: version) }
        return version
    }
}

extension ServiceError.Code {
    public static let exposureKeyRotationRefused = Self("exposure-key-rotation-refused", .unprocessable)
    static let invalidIssuer = Self("invalid-issuer", .invalidInput)
    static let invalidKid = Self("invalid-kid", .invalidInput)
    static let invalidTrustedKey = Self("invalid-trusted-key", .invalidInput)
    static let keyAlreadyTrusted = Self("key-already-trusted", .conflict)
}
