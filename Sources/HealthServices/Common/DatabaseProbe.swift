/// A database the deployment depends on, as the readiness probe sees it.
public protocol DatabaseProbe: Sendable {
    /// What the probe calls it (`health`, `exposure`).
    var name: String { get }
    /// Whether it can take traffic now.
    func state() async -> DatabaseState
    /// The connection pool's use now; nil for a backend that keeps no pool (SQLite).
    var poolUsage: ConnectionPoolUsage? { get }
}

extension DatabaseProbe {
    public var poolUsage: ConnectionPoolUsage? { nil }
}

/// How a database is doing, as `/readyz` names it.
public enum DatabaseState: String, Sendable, Hashable {
    /// It answers and its last write (if any) succeeded.
    case ok
    /// It does not answer a trivial query in time.
    case unreachable
    /// Its last write failed because the disk is full; it stays so until a write succeeds.
    case full
}
