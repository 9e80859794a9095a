import CryptoCore

/// One stored line of the audit log, with its place in the hash chain.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1, 2, 3, … with no gaps.
    public let sequence: Int64
    /// When, as written (ISO 8601, UTC).
    public let at: String
    public let actor: String
    public let role: String
    public let action: String
    public let subject: String
    /// Canonical JSON (sorted keys).
    public let details: String
    /// Hex SHA-256 of the entry before (64 zeros for the first).
    public let previousHash: String
    /// Hex SHA-256 over `previousHash` and this entry's fields.
    public let hash: String

    package init(
        sequence: Int64,
        at: String,
        actor: String,
        role: String,
        action: String,
        subject: String,
        details: String,
        previousHash: String,
        hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.role = role
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The chain value of an entry: SHA-256 of the previous hash followed by each field, length-prefixed
    /// (4-byte big-endian length, then UTF-8), so no two different entries share an input.
    package static func chainHash(
        previous: [UInt8], sequence: Int64, at: String, actor: String, role: String, action: String,
        subject: String, details: String
    ) -> [UInt8] {
        var input = previous
        for field in [String(sequence), at, actor, role, action, subject, details] {
            let bytes = Array(field.utf8)
            let count = UInt32(bytes.count)
            input += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
            input += bytes
        }
        return SHA256.hash(input)
    }

    /// The hash before the first entry.
    package static let genesisHash = [UInt8](repeating: 0, count: 32)
}
