/// A database the deployment depends on, as the readiness probe sees it.
public protocol DatabaseProbe: Sendable {
    /// What the probe calls it (`health`, `exposure`).
    var name: String { get }
    /// Whether it answers a trivial query now.
    func isReachable() async -> Bool
}
