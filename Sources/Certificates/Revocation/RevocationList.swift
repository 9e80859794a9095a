/// The revocation batches a verifier honours, indexed by kid and hash type for lookups.
public struct RevocationList: Sendable {
    /// Where a hash is looked up: the batch's kid (nil for `UNKNOWN_KID`) and its hash type.
    struct IndexKey: Hashable {
        let keyID: [UInt8]?
        let hashType: RevocationHashType
    }

    public private(set) var batches: [RevocationBatch]
    private var hashes: [IndexKey: Set<[UInt8]>]

    public init(batches: [RevocationBatch] = []) {
        self.batches = []
        self.hashes = [:]
        for batch in batches { add(batch) }
    }

    public mutating func add(_ batch: RevocationBatch) {
        batches.append(batch)
        hashes[IndexKey(keyID: batch.keyID, hashType: batch.hashType), default: []].formUnion(batch.hashes)
    }

    public mutating func add(contentsOf other: RevocationList) {
        for batch in other.batches { add(batch) }
    }

    public var isEmpty: Bool { batches.isEmpty }

    /// The hash type under which a batch for the certificate's kid (or for an unknown kid) lists it; nil when none
    /// does. Batches for other kids never match.
    public func revocation(of subject: RevocationSubject) -> RevocationHashType? {
        for hashType in RevocationHashType.allCases {
            let lists = [IndexKey(keyID: subject.keyID, hashType: hashType), IndexKey(keyID: nil, hashType: hashType)]
                .compactMap { hashes[$0] }
            guard !lists.isEmpty, let hash = subject.revocationHash(hashType) else { continue }
            if lists.contains(where: { $0.contains(hash) }) { return hashType }
        }
        return nil
    }

    /// Whether any batch lists the certificate (see ``revocation(of:)``).
    public func isRevoked(_ subject: RevocationSubject) -> Bool {
        revocation(of: subject) != nil
    }
}
