/// How a database's connection pool is used at one moment, for `/metrics`.
public struct ConnectionPoolUsage: Sendable, Hashable {
    /// Connections lent to a transaction now.
    public let inUse: Int
    /// Transactions waiting for a connection now.
    public let waiting: Int

    public init(inUse: Int, waiting: Int) {
        self.inUse = inUse
        self.waiting = waiting
    }
}
