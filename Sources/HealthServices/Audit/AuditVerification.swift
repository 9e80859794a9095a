/// The outcome of checking the audit log's hash chain from the first entry.
public struct AuditVerification: Sendable, Hashable, Codable {
    /// How many entries were checked before the end or the first broken one.
    public let checkedEntries: Int
    /// The sequence number of the first entry that does not chain, if any.
    public let firstBrokenSequence: Int64?
    /// Why that entry is broken.
    public let problem: String?
    /// The hash of the last entry checked: kept off the machine, it shows a later check that the chain still holds
    /// that entry, since a chain cut short or rewritten after it still verifies on its own.
    public let lastHash: String?

    public var isIntact: Bool { firstBrokenSequence == nil }
}
