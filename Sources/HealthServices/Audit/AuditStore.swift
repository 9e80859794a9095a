/// Where the audit log lives. Appending happens inside each domain store's own transaction (each backend's
/// stores share one writer for it); this protocol reads the log back and, where appended entries wait to be
/// chained, seals them.
public protocol AuditStore: Sendable {
    /// Chained entries after `sequence`, oldest first, at most `limit`.
    func entries(after sequence: Int64, limit: Int) async throws -> [AuditEntry]
    /// The newest `limit` chained entries, newest first.
    func latest(limit: Int) async throws -> [AuditEntry]
    /// Whether any entry was ever appended, chained or waiting to be: whether the databases hold records.
    func holdsEntries() async throws -> Bool
    /// Chains the entries committed but not yet in the chain, where a backend appends first and chains after
    /// (PostgreSQL, so that writes do not wait on one another for the chain); returns how many.
    func sealPending() async throws -> Int
    /// Whether entries wait for ``sealPending()`` to be chained; false where each is chained as it is written.
    var chainsAfterCommit: Bool { get }
}
