import Certificates

/// The SMART Health Cards side of the authority: who we are as a card issuer and which of our cards are revoked.
extension CertificateAuthority {
    /// Our revocation list for each of our keys. A card is revoked with its certificate; its entry is
    /// `rid.T`, T the last revocation of the record's cards (and at least one second after the revoked card's
    /// `nbf`), so a card issued for the same record after it, as a corrected result's, stays valid: its `nbf` is
    /// T or later (``cardNotBefore(at:after:)``). `ctr` counts the revoked cards, which only grows.
    func healthCardRevocationLists(of revoked: [IssuedCertificate]) -> [HealthCardRevocationList] {
        let healthCards = self.healthCards
        var byKey: [String: (count: Int, until: [String: Int64])] = [:]
        for certificate in revoked {
            guard let card = certificate.healthCard, let kid = HealthCard.keyID(of: card),
                let revokedAt = certificate.revokedAt
            else { continue }
            let rid = healthCards.revocationID(
                forRecord: certificate.vaccinationId ?? certificate.resultId ?? certificate.uvci)
            let notBefore = HealthCard.notBefore(of: card) ?? certificate.issuedAt.secondsSinceEpoch
            let until = max(revokedAt.secondsSinceEpoch, notBefore + 1)
            byKey[kid, default: (0, [:])].count += 1
            byKey[kid, default: (0, [:])].until[rid] = max(byKey[kid]?.until[rid] ?? 0, until)
        }
        return healthCards.keys.compactMap(\.kid).map { kid in
            let entry = byKey[kid] ?? (0, [:])
            return HealthCardRevocationList(
                kid: kid, ctr: entry.count, rids: entry.until.sorted { $0.key < $1.key }.map { "\($0.key).\($0.value)" }
            )
        }
    }

    /// The `nbf` of a new card for a record whose certificates so far are `earlier`: now, or one second after the
    /// latest `nbf` of their cards when that is now or later. A card is revoked by its record's `rid` and a time its
    /// `nbf` is before, so one issued in the same second as a card revoked for the same record (a correction
    /// following its result in one batch) would be revoked with it.
    static func cardNotBefore(at now: Timestamp, after earlier: [IssuedCertificate]) -> Timestamp {
        let latest = earlier.compactMap { $0.healthCard.flatMap(HealthCard.notBefore(of:)) }.max()
        return Timestamp(secondsSinceEpoch: max(now.secondsSinceEpoch, (latest ?? Int64.min) + 1))
    }

    /// Ourselves as a card issuer: our URL, name, country, keys (with `crlVersion` where something is revoked) and
    /// revocation lists.
    func healthCardIssuer(revocationLists: [HealthCardRevocationList]) -> TrustedHealthCardIssuer {
        let healthCards = self.healthCards
        let versions = Dictionary(uniqueKeysWithValues: revocationLists.map { ($0.kid, $0.ctr) })
        let keys = healthCards.keys.map { key in
            var key = key
            key.crlVersion = versions[key.kid ?? ""].flatMap { $0 > 0 ? $0 : nil }
            return key
        }
        return TrustedHealthCardIssuer(
            iss: healthCards.signer.issuerURL, name: issuerName, country: country, keys: keys, crls: revocationLists)
    }
}
