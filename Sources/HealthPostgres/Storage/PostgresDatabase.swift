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
/// throws ``StoreError`` `databaseUnavailable`: a clear, temporary refusal instead of a request that hangs. A session
/// lost before COMMIT (PostgreSQL stopping, a broken connection) rolled its transaction back, so the read or write
/// runs again on another connection, within the same wait. A COMMIT whose answer was lost is settled by asking the
/// database what became of the transaction (see ``commitOutcome(of:since:)``).
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
    /// When the transactions waiting for a connection stop waiting.
    private let deadlines = WaitDeadlines()

    /// How many times a read or write runs before the last race it lost, or the last session, is thrown.
    static let maxAttempts = 8

    /// The wait for a connection unless the deployment chooses another (`--database-wait`).
    public static let defaultConnectionWait = Duration.seconds(2)

    public init(_ location: PostgresLocation, connectionWait: Duration = defaultConnectionWait, logger: Logger) {
        self.client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
        self.location = location.description
        self.connectionWait = connectionWait
        self.logger = logger
    }

    /// Runs the connection pool, and the watch over the waits for its connections, until the task is cancelled (or
    /// the service group shuts down).
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.deadlines.run(unavailable: self.unavailable) }
            await client.run()
            group.cancelAll()
        }
    }

    /// Runs `body` outside any explicit transaction, as SQLite's reads do: each statement sees one consistent
    /// snapshot of what was committed before it began, and a one-statement read is one round trip.
    public func read<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await repeating { deadline in
            try await withLease(until: deadline) { connection in
                try await body(PostgresSession(connection: connection, logger: logger, isWrite: false))
            }
        }
    }

    /// Runs `body` as ``read(_:)`` does, but on one snapshot: a READ ONLY, REPEATABLE READ transaction, whose
    /// statements all see what was committed when the first began. (Two round trips more than ``read(_:)``.) Its
    /// COMMIT changes nothing, so an unanswered one still leaves the rows read true of that snapshot.
    public func readSnapshot<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await repeating { deadline in
            let end = try await withLease(until: deadline) { connection in
                let session = PostgresSession(connection: connection, logger: logger, isWrite: false)
                return try await session.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                    try await body(session)
                }
            }
            switch end {
            case .committed(let value), .unanswered(let value, _, _): return value
            }
        }
    }

    /// Runs `body` in a READ COMMITTED transaction: committed when it returns, rolled back when it throws, and
    /// run again (up to ``maxAttempts`` times) when it lost a race the database reports as retryable or its session
    /// before COMMIT. A COMMIT left unanswered is settled: the value when the transaction committed, another run
    /// when it certainly did not, and ``StoreError`` `writeOutcomeUnknown` when the database cannot tell in time.
    @discardableResult
    public func write<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await repeating { deadline in
            let began = ContinuousClock.now
            let end = try await withLease(until: deadline) { connection in
                let session = PostgresSession(connection: connection, logger: logger, isWrite: true)
                return try await session.transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") {
                    try await body(session)
                }
            }
            switch end {
            case .committed(let value):
                return value
            case .unanswered(let value, let mark, let error):
                switch await commitOutcome(of: mark, since: began) {
                case .committed: return value
                case .rolledBack: throw error
                case .unknown: throw unknownOutcome
                }
            }
        }
    }

    /// Whether the database answers a trivial query within `timeout`.
    public func answers(within timeout: Duration) async -> Bool {
        let answered = try? await repeating(waitingAtMost: timeout) { deadline in
            try await withLease(until: deadline) { connection in
                try await PostgresSession(connection: connection, logger: logger, isWrite: false).first("SELECT 1") {
                    try $0.decode(Int.self)
                }
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

    /// The refusal when a COMMIT went unanswered and the database could not say in time what became of it.
    var unknownOutcome: StoreError {
        StoreError(.writeOutcomeUnknown, "\(location) stopped answering during a COMMIT", database: location)
    }

    /// Runs `attempt` until it succeeds or fails for good: again (up to ``maxAttempts`` times) after a race the
    /// database reports or a lost session, either of which rolled the transaction back. A session lost on the last
    /// attempt is ``unavailable``.
    ///
    /// Each attempt waits for a connection until the deadline it is given: `wait` (default ``connectionWait``) from
    /// the first attempt's start, renewed after a race (the database is up, busy with the winner) but not after a
    /// lost session, so a request caught by an outage is refused within the one wait it was promised, however many
    /// connections die under it.
    private func repeating<T>(
        waitingAtMost wait: Duration? = nil, _ attempt: (ContinuousClock.Instant) async throws -> T
    ) async throws -> T {
        let wait = wait ?? connectionWait
        var deadline = ContinuousClock.now + wait
        var attempts = 1
        while true {
            do {
                return try await attempt(deadline)
            } catch let error where Self.endsSession(error) || (error as? PSQLError)?.isRetryableRace == true {
                let lostSession = Self.endsSession(error)
                guard attempts < Self.maxAttempts else {
                    throw lostSession ? unavailable : (error as? PSQLError).map(storeError(for:)) ?? error
                }
                logger.debug(
                    "running again after a race or a lost session",
                    metadata: ["attempt": "\(attempts)", "lost-session": "\(lostSession)"])
                if !lostSession { deadline = .now + wait }
                attempts += 1
            } catch let error as PSQLError {
                throw storeError(for: error)
            }
        }
    }

    /// What the services see of a failure the database reported: a race lost ``maxAttempts`` times is a temporary
    /// refusal, anything else a storage failure, with its SQLSTATE and message for the log (never its detail, which
    /// can quote the row's values).
    func storeError(for error: PSQLError) -> StoreError {
        let reported =
            error.serverInfo?[.sqlState].map { "SQLSTATE \($0): \(error.serverInfo?[.message] ?? "")" }
            ?? "\(error.code)"
        if error.isRetryableRace {
            return StoreError(
                .databaseUnavailable, "\(location) lost \(Self.maxAttempts) races in a row (\(reported))",
                database: location)
        }
        return StoreError(.failed, "\(location): \(reported)", database: location)
    }

    /// Whether `error` ended the session before its transaction committed: the connection or the server went
    /// away, or a statement found the connection closed.
    static func endsSession(_ error: any Error) -> Bool {
        error is ClosedConnectionError || (error as? PSQLError)?.isSessionLost == true
    }

    /// Runs `body` on a connection of the pool, waiting for one until `deadline` (then throwing ``unavailable``),
    /// counted as waiting until it has one and as leased while it runs; `body` runs on the connection's event loop
    /// (see ``EventLoopTaskExecutor``). The pool may lend a connection that has just closed, before it has heard:
    /// then this waits until the closing is done (and the pool has heard) and throws ``ClosedConnectionError``.
    ///
    /// The helper that leases (see ``ConnectionHandoff``) starts at once on this task's thread (`Task.immediate`), so
    /// when the pool has an idle connection it is handed over before this task would wait: no thread switch, and no
    /// deadline to watch. It is a task of its own rather than a child, so this need not wait for it to return the
    /// connection to the pool; it ends when the connection is back, or as soon as it is cancelled while it waits.
    func withLease<T>(until deadline: ContinuousClock.Instant, _ body: (PostgresConnection) async throws -> T)
        async throws -> T
    {
        let handoff = ConnectionHandoff()
        let unavailable = unavailable
        waiting.add(1, ordering: .relaxed)
        let helper = Task.immediate { [client] in await handoff.lend(from: client, unavailable: unavailable) }
        let connection: PostgresConnection
        do {
            if let offered = try handoff.takeOffered() {
                connection = offered
            } else {
                deadlines.watch(handoff, until: deadline)
                defer { deadlines.forget(handoff) }
                connection = try await withTaskCancellationHandler {
                    try await handoff.connection()
                } onCancel: {
                    helper.cancel()
                }
            }
        } catch {
            waiting.subtract(1, ordering: .relaxed)
            helper.cancel()
            throw error
        }
        waiting.subtract(1, ordering: .relaxed)
        leased.add(1, ordering: .relaxed)
        defer {
            leased.subtract(1, ordering: .relaxed)
            handoff.release()
        }
        if connection.isClosed {
            try? await connection.closeFuture.get()
            throw ClosedConnectionError()
        }
        return try await withTaskExecutorPreference(EventLoopTaskExecutor(connection.eventLoop)) {
            try await body(connection)
        }
    }
}
