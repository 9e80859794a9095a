import CryptoCore
public import Foundation

/// Checks SMART Health Cards offline against the issuers a verifier trusts: the QR text (one or all chunks of a
/// card, in any order), raw DEFLATE, the JWS, the issuer and its key, the ES256 signature, `nbf` and `exp`, the
/// issuer's revocation list and the FHIR content; each step reported. A valid card is then held to the
/// destination's entry rules, read as a DCC payload (``HealthCardDCCPayload``).
public struct HealthCardVerifier: Sendable {
    public let issuers: HealthCardIssuerList
    /// The entry rules and destination a technically valid card is checked against; nil checks none.
    public var entryRules: EntryRuleCheck?
    /// How far ahead of ours an issuer's clock may be.
    public static let clockSkew: TimeInterval = 300

    public init(issuers: HealthCardIssuerList) {
        self.issuers = issuers
    }

    /// Whether `text` is a card's QR text rather than an HC1 string.
    public static func isHealthCard(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().hasPrefix(HealthCardQR.prefix)
    }

    public func verify(_ texts: [String], at now: Date = Date()) -> HealthCardVerification {
        var result = HealthCardVerification()
        do {
            let jws = try decode(texts, into: &result)
            let card = try HealthCardJWS.read(jws, checks: &result.checks)
            try check(card, at: now, into: &result)
        } catch {
            result.record(error)
        }
        return result
    }

    /// The JWS characters: `prefix`, `numeric` and `chunks`.
    func decode(_ texts: [String], into result: inout HealthCardVerification) throws(CertificateError) -> [UInt8] {
        guard !texts.isEmpty else {
            result.checks.prefix = false
            throw CertificateError(.wrongPrefix, "no card given")
        }
        var read: [HealthCardQR.Chunk] = []
        do {
            for text in texts { read.append(try HealthCardQR.chunk(text)) }
        } catch  where error.code == .wrongPrefix {
            result.checks.prefix = false
            throw error
        } catch {
            result.checks.prefix = true
            result.checks.chunks = false
            throw error
        }
        result.checks.prefix = true
        var chunks: [(HealthCardQR.Chunk, [UInt8])] = []
        do {
            for chunk in read { chunks.append((chunk, try HealthCardQR.characters(of: chunk.digits))) }
            result.checks.numeric = true
        } catch {
            result.checks.numeric = false
            throw error
        }
        do {
            let jws = try HealthCardQR.assemble(chunks)
            result.checks.chunks = true
            return jws
        } catch {
            result.checks.chunks = false
            throw error
        }
    }

    /// Issuer, kid, signature, nbf, revocation and FHIR content, then the entry rules. The issuer is looked up
    /// first, so a card of an unknown issuer fails as `unknown-issuer` whatever its kid.
    func check(_ card: HealthCardJWS, at now: Date, into result: inout HealthCardVerification) throws(CertificateError)
    {
        result.keyID = card.kid
        result.issuerURL = card.issuer
        result.issuedAt = Date(timeIntervalSince1970: card.notBefore)
        result.expiresAt = card.expires.map(Date.init(timeIntervalSince1970:))
        guard let issuer = issuers.entry(for: card.issuer) else {
            result.checks.issuer = false
            throw CertificateError(.unknownIssuer, "the card's issuer is not trusted")
        }
        result.checks.issuer = true
        result.issuerName = issuer.issuer.name
        result.country = issuer.issuer.country
        guard let key = issuer.keys[card.kid] else {
            result.checks.kid = false
            throw CertificateError(.unknownKid, "the issuer has no key with the card's kid")
        }
        result.checks.kid = true
        guard let signature = try? ECDSASignature(rawRepresentation: card.signature),
            card.signingInput.withUnsafeBytes({ key.isValidSignature(signature, for: $0) })
        else {
            result.checks.signature = false
            throw CertificateError(.signatureInvalid, "the ES256 signature does not verify")
        }
        result.checks.signature = true
        // A revoked card is reported as revoked even when it has also expired: the issuer withdrew it.
        if let rid = card.revocationID, let crl = issuer.crls[card.kid] {
            let revoked = crl.revokes(rid, notBefore: card.notBefore)
            result.checks.revocation = !revoked
            if revoked { result.record(CertificateError(.revoked, "the issuer's revocation list holds the card")) }
        }
        checkTimes(card, at: now, into: &result)
        do {
            let payload = try HealthCardDCCPayload.make(
                card.bundle, issuerName: issuer.issuer.name, country: issuer.issuer.country, rid: card.revocationID)
            result.healthCertificate = payload
            result.checks.fhir = true
        } catch {
            result.checks.fhir = false
            throw error
        }
        if let entryRules, result.isValid, let payload = result.healthCertificate {
            result.rules = entryRules.evaluate(
                payload, issuer: issuer.issuer.country, issuedAt: Date(timeIntervalSince1970: card.notBefore),
                expiresAt: result.expiresAt ?? HealthCardDCCPayload.noExpiry, at: now)
        }
    }

    func checkTimes(_ card: HealthCardJWS, at now: Date, into result: inout HealthCardVerification) {
        if card.notBefore > now.timeIntervalSince1970 + Self.clockSkew {
            result.checks.nbf = false
            result.record(CertificateError(.notYetValid, "the card's nbf is in the future"))
        } else if let expires = card.expires, expires <= now.timeIntervalSince1970 {
            result.checks.nbf = false
            result.record(CertificateError(.expired, "the card's exp is past"))
        } else {
            result.checks.nbf = true
        }
    }
}
