/// How long the server waits on a client and how many it serves at once, so silent or slow clients cannot hold
/// connections until the process runs out of file descriptors.
public struct ConnectionLimits: Sendable, Hashable {
    /// A connection with no request in progress (before its first or between keep-alive requests) is closed after
    /// this long.
    public var idleTimeout: Duration
    /// The most time from a connection's opening, or from the first byte of a later request, to the end of that
    /// request's head; a client sending headers slowly is cut off here.
    public var requestHeadTimeout: Duration
    /// The most time from the end of a request's head to the end of its body.
    public var requestBodyTimeout: Duration
    /// Connections served at once; more wait in the listen backlog until one closes.
    public var maxConnections: Int
    /// Connections one client address may hold open at once; more from it are closed as soon as they open.
    public var maxConnectionsPerClient: Int

    public init(
        idleTimeout: Duration = .seconds(30),
        requestHeadTimeout: Duration = .seconds(10),
        requestBodyTimeout: Duration = .seconds(60),
        maxConnections: Int = 2048,
        maxConnectionsPerClient: Int = 64
    ) {
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.requestBodyTimeout = requestBodyTimeout
        self.maxConnections = maxConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
    }
}
