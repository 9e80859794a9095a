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
    /// is written under a pending name, audited, and only then trusted: should the audit fail, it is removed again,
    /// so no server trusts a key without its entry.
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
        guard let pending = try keys.prepareTrust(issuer: issuer, kid: kid, key: key) else {
            throw ServiceError(.keyAlreadyTrusted, "The issuer already has a trusted key with this kid.")
        }
        try await auditThenPublish(
            pending,
            AuditEvent(
                by: principal, "exposure-issuer.trust", subject: "exposure-issuer:\(issuer)", details: ["kid": kid]))
    }

    /// Writes the next version of `kind`, audits it and puts it in use; the new version. The key is written under a
    /// pending name first: should the audit fail, it is removed again, so no server uses a key without its entry.
    public func rotate(_ kind: ExposureKeyKind, by principal: Principal) async throws -> String {
        let pending: ExposureKeyStore.PendingKey
        do {
            pending = try keys.prepareRotation(kind)
        } catch let error as ExposureKeyStoreError {
            throw ServiceError(.exposureKeyRotationRefused, "The key was not rotated: \(error.description).")
        }
        try await auditThenPublish(
            pending,
            AuditEvent(
                by: principal, "exposure-key.rotate", subject: "exposure-key:\(kind.rawValue)",
                details: ["version": pending.version]))
        return pending.version
    }

    /// Audits the change `pending` makes, then publishes it; discards it when the audit failed. When the audit's
    /// outcome is unknown it may be written, so the key is published with it and the error thrown.
    private func auditThenPublish(_ pending: ExposureKeyStore.PendingKey, _ event: AuditEvent) async throws {
        do {
            try await store.audit(event, at: clock.now()) { keys.discard(pending) }
        } catch let error as StoreError where error.code == .writeOutcomeUnknown {
            try keys.publish(pending)
            throw error
        }
        try keys.publish(pending)
    }
}

extension ServiceError.Code {
    public static let exposureKeyRotationRefused = Self("exposure-key-rotation-refused", .unprocessable)
    static let invalidIssuer = Self("invalid-issuer", .invalidInput)
    static let invalidKid = Self("invalid-kid", .invalidInput)
    static let invalidTrustedKey = Self("invalid-trusted-key", .invalidInput)
    static let keyAlreadyTrusted = Self("key-already-trusted", .conflict)
}
