import Foundation

/// Making the batches that revoke certificates, as an issuing country uploads them to the DCC gateway.
extension RevocationList {
    /// Where one batch goes: issuing country, kid and hash type.
    struct BatchKey: Hashable {
        let country: String
        let keyID: [UInt8]
        let hashType: RevocationHashType
    }

    /// A list revoking `subjects` under each of `hashTypes`: one batch per issuing country, kid and hash type
    /// (split at 1,000 hashes), hashes sorted and without repeats, each batch expiring with the last of its
    /// certificates. Every subject needs an issuing country and an expiry, and a UVCI for the UVCI hash types.
    public init(
        revoking subjects: [RevocationSubject],
        hashTypes: [RevocationHashType] = RevocationHashType.allCases
    ) throws(CertificateError) {
        var expiryByHash: [BatchKey: [[UInt8]: Date]] = [:]
        for subject in subjects {
            guard let country = subject.country else {
                throw CertificateError(.invalidRevocationList, "a certificate to revoke has no issuing country")
            }
            guard let expiresAt = subject.expiresAt else {
                throw CertificateError(.invalidRevocationList, "a certificate to revoke has no expiry")
            }
            for hashType in Set(hashTypes) {
                guard let hash = subject.revocationHash(hashType) else {
                    throw CertificateError(
                        .invalidRevocationList, "a certificate to revoke has no UVCI for a \(hashType.rawValue) hash")
                }
                let key = BatchKey(country: country, keyID: subject.keyID, hashType: hashType)
                expiryByHash[key, default: [:]][hash] = max(expiryByHash[key]?[hash] ?? expiresAt, expiresAt)
            }
        }
        var batches: [RevocationBatch] = []
        for key in expiryByHash.keys.sorted(by: Self.batchOrder) {
            let entries = (expiryByHash[key] ?? [:]).sorted { $0.key.lexicographicallyPrecedes($1.key) }
            for start in stride(from: 0, to: entries.count, by: RevocationBatch.maximumEntryCount) {
                let chunk = entries[start..<min(start + RevocationBatch.maximumEntryCount, entries.count)]
                let expires = chunk.dropFirst().reduce(chunk[start].value) { max($0, $1.value) }
                batches.append(
                    try RevocationBatch(
                        country: key.country, expires: expires, keyID: key.keyID, hashType: key.hashType,
                        hashes: chunk.map(\.key)))
            }
        }
        self.init(batches: batches)
    }

    /// A list revoking the certificates in these HC1 strings (see ``init(revoking:hashTypes:)``).
    public init(
        revokingHC1Strings hc1Strings: [String],
        hashTypes: [RevocationHashType] = RevocationHashType.allCases
    ) throws(CertificateError) {
        var subjects: [RevocationSubject] = []
        subjects.reserveCapacity(hc1Strings.count)
        for hc1String in hc1Strings { subjects.append(try RevocationSubject(hc1String: hc1String)) }
        try self.init(revoking: subjects, hashTypes: hashTypes)
    }

    /// Batches by country, then kid, then hash type in declaration order.
    static func batchOrder(_ first: BatchKey, _ second: BatchKey) -> Bool {
        if first.country != second.country { return first.country < second.country }
        if first.keyID != second.keyID { return first.keyID.lexicographicallyPrecedes(second.keyID) }
        let order = RevocationHashType.allCases
        return (order.firstIndex(of: first.hashType) ?? 0) < (order.firstIndex(of: second.hashType) ?? 0)
    }
}
