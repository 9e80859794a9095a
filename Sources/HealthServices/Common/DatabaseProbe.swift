/// A database the deployment depends on, as the readiness probe sees it.
public protocol DatabaseProbe: Sendable {
    /// What the probe calls it (`health`, `exposure`).
    var name: String { get }
    /// Whether it answers a trivial query now.
    func isReachable() async -> Bool
    /// The connection pool's use now; nil for a backend that keeps no pool (SQLite).
    var poolUsage: ConnectionPoolUsage? { get }
}

extension DatabaseProbe {
    public var poolUsage: ConnectionPoolUsage? { nil }
}
