public import Certificates
public import Foundation

/// SMART Health Cards: our issuer keys and revocation lists as verifiers fetch them, and checking a card.
extension CertificateService {
    /// Ourselves as a card issuer, revocation lists included.
    public func ownHealthCardIssuer() async throws -> TrustedHealthCardIssuer {
        try await healthCardIssuersAndOurs().own
    }

    /// Every card issuer a border check trusts: ourselves first (under the public URL, then under each URL cards were
    /// issued under before it changed), then those imported.
    public func healthCardIssuers() async throws -> HealthCardIssuerList {
        try await healthCardIssuersAndOurs().list
    }

    /// Built again only after a revocation, a new key of ours or a change to the stored lists.
    func healthCardIssuersAndOurs() async throws -> (own: TrustedHealthCardIssuer, list: HealthCardIssuerList) {
        let lists = try await borderLists.current()
        let count = try await store.read { try await $0.certificates.revokedCertificateCount() }
        let key = HealthCardIssuerCache.Key(
            revokedCount: count, keyIDs: authority.healthCards.keys.compactMap(\.kid), listsVersion: lists.version)
        if let cached = healthCardIssuerCache.issuers(for: key) { return cached }
        let revoked = try await store.read { try await $0.certificates.revokedCertificates() }
        let own = authority.healthCardIssuer(revocationLists: authority.healthCardRevocationLists(of: revoked))
        let former = authority.healthCards.formerIssuerURLs.map {
            TrustedHealthCardIssuer(iss: $0, name: own.name, country: own.country, keys: own.keys, crls: own.crls)
        }
        let list = HealthCardIssuerList([own] + former + lists.healthCardIssuers)
        healthCardIssuerCache.store(own: own, list: list, for: key)
        return (own, list)
    }

    /// The revocation list of our key `kid`.
    public func healthCardRevocationList(kid: String) async throws -> HealthCardRevocationList {
        guard let list = try await ownHealthCardIssuer().crls.first(where: { $0.kid == kid }) else {
            throw ServiceError(.healthCardKeyNotFound, "There is no health card key with this kid.")
        }
        return list
    }

    /// Adds the next health card issuer key, which signs every card from then on; the older keys stay in
    /// `/.well-known/jwks.json`, so every card already issued keeps verifying. Audited with the new kid; the key is
    /// written under a pending name and takes its place only after the audit entry, so a failed audit leaves none.
    public func rotateHealthCardKey(by principal: Principal) async throws -> HealthCardKeyStore.NewKey {
        let now = clock.now()
        let keyStore = try authority.keyStore().healthCardKeys
        let key: HealthCardKeyStore.NewKey
        do {
            key = try keyStore.makeKey()
        } catch let error as CertificateError {
            throw ServiceError(.keyRotationRefused, "The health card key was not rotated: \(error.reason).")
        }
        try await store.audit(
            AuditEvent(
                by: principal, "keys.rotate-health-card", subject: "shc:\(key.kid)",
                details: ["number": String(key.number)]),
            at: now
        ) { keyStore.discard(key) }
        do {
            try keyStore.publish(key)
        } catch let error as CertificateError {
            throw ServiceError(
                .keyRotationIncomplete,
                "The rotation is audited but key \(key.number) was not published: \(error.reason).")
        }
        return key
    }

    /// Checks a card (one QR text, or every chunk of one) as `verify(_:at:destination:language:)` checks a DCC:
    /// the trusted issuers, their revocation lists, then the destination's entry rules. Whitespace around each text
    /// is not part of it.
    public func verify(
        healthCard texts: [String], at date: Date?, destination: String? = nil, language: String? = nil
    ) async throws -> HealthCardVerification {
        var verifier = HealthCardVerifier(issuers: try await healthCardIssuers())
        verifier.entryRules = try await entryRuleCheck(destination: destination, language: language).0
        return verifier.verify(
            texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, at: date ?? clock.now().foundationDate)
    }
}

extension ServiceError.Code {
    public static let healthCardKeyNotFound = Self("health-card-key-not-found", .notFound)
    /// A certificate issued before SMART Health Cards were has no card.
    public static let noHealthCard = Self("no-health-card", .notFound)
    /// A verify request with neither or both of `hc1` and `shc`, or an empty list of chunks.
    public static let invalidVerifyRequest = Self("invalid-verify-request", .invalidInput)
    /// A border check for entry into another country whose entry rules are not held.
    public static let unknownDestination = Self("unknown-destination", .unprocessable)
}
