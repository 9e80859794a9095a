public import HealthServices
public import Logging
public import PostgresNIO
import Synchronization

/// One PostgreSQL database reached through a pool of connections (`PostgresClient`).
///
/// The pool works only while ``run()`` runs: the owner runs it as a service or in a task it cancels at shutdown. Reads
/// run statement by statement, as on SQLite. Writes are READ COMMITTED transactions whose stores take the locks their
/// rules need (see each store); a transaction that loses a race the database detects (a serialization failure, a
/// deadlock, or a unique key another transaction has just taken) is rolled back and run again, so its rules see the
/// winner's rows.
///
/// While the server cannot be reached, a read or write waits at most ``connectionWait`` for a connection and then
/// throws ``StoreError`` `databaseUnavailable`: a clear, temporary refusal instead of a request that hangs.
public final class PostgresDatabase: Sendable {
    public let client: PostgresClient
    /// Where it is (without the password), for messages.
    public let location: String
    /// How long a read or write waits for a connection before it refuses.
    public let connectionWait: Duration
    let logger: Logger
    /// Transactions holding a connection, and transactions waiting for one, now.
    private let leased = Atomic<Int>(0)
    private let waiting = Atomic<Int>(0)

    /// How many times a write runs before the last race it lost is thrown.
    static let maxAttempts = 8

    /// The wait for a connection unless the deployment chooses another (`--database-wait`).
    public static let defaultConnectionWait = Duration.seconds(2)

    public init(_ location: PostgresLocation, connectionWait: Duration = defaultConnectionWait, logger: Logger) {
        self.client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
        self.location = location.description
        self.connectionWait = connectionWait
        self.logger = logger
    }

    /// Runs the connection pool until the task is cancelled (or the service group shuts down).
    public func run() async {
        await client.run()
    }

    /// Runs `body` outside any explicit transaction, as SQLite's reads do: each statement sees one consistent
    /// snapshot of what was committed before it began, and a one-statement read is one round trip.
    public func read<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await withLease(until: .now + connectionWait) { connection in
            try await body(PostgresSession(connection: connection, logger: logger, isWrite: false))
        }
    }

    /// Runs `body` in a READ COMMITTED transaction: committed when it returns, rolled back when it throws, and
    /// run again (up to ``maxAttempts`` times) when it lost a race the database reports as retryable.
    @discardableResult
    public func write<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withLease(until: .now + connectionWait) { connection in
                    let session = PostgresSession(connection: connection, logger: logger, isWrite: true)
                    return try await session.transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") {
                        try await body(session)
                    }
                }
            } catch let error as PSQLError where error.isRetryableRace && attempt < Self.maxAttempts {
                logger.debug("retrying a write that lost a race", metadata: ["attempt": "\(attempt)"])
                attempt += 1
            }
        }
    }

    /// Whether the database answers a trivial query within `timeout`.
    public func answers(within timeout: Duration) async -> Bool {
        let answered = try? await withLease(until: .now + timeout) { connection in
            try await PostgresSession(connection: connection, logger: logger, isWrite: false).first("SELECT 1") {
                try $0.decode(Int.self)
            }
        }
        return answered == 1
    }

    /// How the pool is used now.
    public var usage: ConnectionPoolUsage {
        ConnectionPoolUsage(inUse: leased.load(ordering: .relaxed), waiting: waiting.load(ordering: .relaxed))
    }

    /// The refusal when the database cannot be reached in time: nothing was written.
    var unavailable: StoreError {
        StoreError(.databaseUnavailable, "\(location) did not answer in time", database: location)
    }

    /// Runs `body` on a connection of the pool, waiting for one until `deadline` (then throwing ``unavailable``),
    /// counted as waiting until it has one and as leased while it runs; `body` runs on the connection's event loop
    /// (see ``EventLoopTaskExecutor``).
    func withLease<T>(until deadline: ContinuousClock.Instant, _ body: (PostgresConnection) async throws -> T)
        async throws -> T
    {
        let handoff = ConnectionHandoff()
        let unavailable = unavailable
        waiting.add(1, ordering: .relaxed)
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await handoff.lend(from: self.client, unavailable: unavailable) }
            let connection: PostgresConnection
            do {
                connection = try await handoff.connection(before: deadline, unavailable: unavailable)
            } catch {
                waiting.subtract(1, ordering: .relaxed)
                group.cancelAll()
                throw error
            }
            waiting.subtract(1, ordering: .relaxed)
            leased.add(1, ordering: .relaxed)
            defer {
                leased.subtract(1, ordering: .relaxed)
                handoff.release()
            }
            return try await withTaskExecutorPreference(EventLoopTaskExecutor(connection.eventLoop)) {
                try await body(connection)
            }
        }
    }
}

extension PSQLError {
    /// SQLSTATEs after which running the whole transaction again can succeed.
    static let retryableStates: Set<String> = [
        PostgresError.Code.serializationFailure.raw, PostgresError.Code.deadlockDetected.raw,
        PostgresError.Code.uniqueViolation.raw,
    ]

    /// The server refused the statement because of another transaction, not because of the statement itself.
    var isRetryableRace: Bool {
        guard let state = serverInfo?[.sqlState] else { return false }
        return Self.retryableStates.contains(state)
    }
}
