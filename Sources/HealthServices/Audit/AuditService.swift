import CryptoCore

/// Reads and checks the audit log.
public struct AuditService: Sendable {
    let store: any AuditStore

    public init(store: any AuditStore) {
        self.store = store
    }

    /// The newest `limit` entries, newest first, after sealing what is pending.
    public func latest(limit: Int) async throws -> [AuditEntry] {
        _ = try await seal()
        return try await store.latest(limit: max(1, min(limit, 10_000)))
    }

    /// Chains the entries appended but not yet chained (see ``AuditStore/sealPending()``); returns how many.
    public func seal() async throws -> Int {
        try await store.sealPending()
    }

    /// Whether appended entries wait for ``seal()``, so a server must seal them as they come.
    public var needsSealing: Bool { store.chainsAfterCommit }

    /// Seals what is pending, then walks the whole chain in order, from the lowest sequence stored, and names the
    /// first entry whose sequence, link or hash is wrong.
    public func verify() async throws -> AuditVerification {
        _ = try await seal()
        var previousHash = Hex.encode(AuditEntry.genesisHash)
        var expectedSequence: Int64 = 1
        var after = Int64.min
        var checked = 0
        var lastHash: String?
        while true {
            let batch = try await store.entries(after: after, limit: 2_000)
            guard !batch.isEmpty else { break }
            for entry in batch {
                if let problem = Self.problem(
                    with: entry, expectedSequence: expectedSequence, previousHash: previousHash)
                {
                    return AuditVerification(
                        checkedEntries: checked, firstBrokenSequence: entry.sequence, problem: problem,
                        lastHash: lastHash)
                }
                previousHash = entry.hash
                lastHash = entry.hash
                after = entry.sequence
                expectedSequence += 1
                checked += 1
            }
        }
        return AuditVerification(checkedEntries: checked, firstBrokenSequence: nil, problem: nil, lastHash: lastHash)
    }

    private static func problem(with entry: AuditEntry, expectedSequence: Int64, previousHash: String) -> String? {
        guard entry.sequence >= expectedSequence else {
            return "its sequence is before the chain's first entry, so nothing chains it"
        }
        guard entry.sequence == expectedSequence else {
            return "entries \(expectedSequence)…\(entry.sequence - 1) are missing"
        }
        guard entry.previousHash == previousHash else {
            return "its previous hash does not match entry \(expectedSequence - 1)"
        }
        guard let previous = Hex.decode(entry.previousHash) else { return "its previous hash is not hex" }
        let recomputed = AuditEntry.chainHash(
            previous: previous, sequence: entry.sequence, at: entry.at, actor: entry.actor, role: entry.role,
            action: entry.action, subject: entry.subject, details: entry.details
        )
        guard Hex.encode(recomputed) == entry.hash else {
            return "its contents do not match its hash"
        }
        return nil
    }
}
