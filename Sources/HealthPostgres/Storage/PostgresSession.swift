import Logging
public import PostgresNIO
import Synchronization

/// One leased connection inside one transaction, with the few ways the stores run statements on it.
public struct PostgresSession: Sendable {
    public let connection: PostgresConnection
    let logger: Logger
    /// Inside a write transaction: reads that decide a write lock the rows they read (`FOR UPDATE`).
    public let isWrite: Bool
    /// The write transaction's mark, once one of its statements has returned it (see ``record(_:)``).
    private let mark = TransactionMarkNote()

    init(connection: PostgresConnection, logger: Logger, isWrite: Bool) {
        self.connection = connection
        self.logger = logger
        self.isWrite = isWrite
    }

    /// ` FOR UPDATE` in a write transaction, nothing in a read-only one (where it is refused).
    var forUpdate: String { isWrite ? " FOR UPDATE" : "" }

    /// Notes the id PostgreSQL gave this transaction and its server's start (``TransactionMark``), returned by a
    /// statement the write runs anyway: should COMMIT go unanswered, the mark is how the write learns whether it
    /// committed.
    func record(_ mark: TransactionMark) {
        self.mark.value.withLock { $0 = mark }
    }

    /// Runs `body` between `begin` and `COMMIT`; rolls back and rethrows when it throws, and rethrows a COMMIT the
    /// server refused (it rolled the transaction back) or never received. A COMMIT that fails any other way may have
    /// committed: that end is returned, not thrown, with the transaction's id where a statement recorded it.
    func transaction<T>(begin: String, _ body: () async throws -> T) async throws -> TransactionEnd<T> {
        try await execute(begin)
        let value: T
        do {
            value = try await body()
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
        do {
            try await execute("COMMIT")
        } catch let error as PSQLError where error.isRefusedCommit {
            throw error
        } catch let error as ClosedConnectionError {
            throw error
        } catch {
            return .unanswered(value, mark: mark.value.withLock { $0 }, error: error)
        }
        return .committed(value)
    }

    /// Runs one statement given as trusted SQL text with no parameters.
    func execute(_ sql: String) async throws {
        try checkOpen()
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// Throws ``ClosedConnectionError`` when the connection has closed. Every statement checks first: postgres-nio
    /// never answers a statement written to a closed channel, and the check cannot race the closing, because the
    /// session runs on the connection's event loop (see ``EventLoopTaskExecutor``).
    func checkOpen() throws {
        if connection.isClosed { throw ClosedConnectionError() }
    }

    /// The rows of `query`, each made into a value by `row`.
    public func all<T>(_ query: PostgresQuery, _ row: (PostgresRow) throws -> T) async throws -> [T] {
        try checkOpen()
        var values: [T] = []
        for try await each in try await connection.query(query, logger: logger) {
            values.append(try row(each))
        }
        return values
    }

    /// The first row of `query`, made into a value by `row`; nil when there is none.
    public func first<T>(_ query: PostgresQuery, _ row: (PostgresRow) throws -> T) async throws -> T? {
        try await all(query, row).first
    }

    /// Runs `query` (a statement ending in `RETURNING 1`, where the count matters) and returns how many rows
    /// it returned: the rows it changed.
    @discardableResult
    public func run(_ query: PostgresQuery) async throws -> Int {
        try await all(query) { _ in () }.count
    }

    /// Runs `body` in a savepoint: its changes are undone alone when it throws.
    func atomically<T>(_ body: () async throws -> T) async throws -> T {
        try await execute("SAVEPOINT item")
        do {
            let value = try await body()
            try await execute("RELEASE SAVEPOINT item")
            return value
        } catch {
            try await execute("ROLLBACK TO SAVEPOINT item")
            try await execute("RELEASE SAVEPOINT item")
            throw error
        }
    }
}

/// A statement was not sent because its connection had closed: the session is over and, if it was in a transaction,
/// rolled back.
struct ClosedConnectionError: Error {}

/// How a write transaction ended, as far as its session can tell.
enum TransactionEnd<T> {
    /// COMMIT was answered: the write happened.
    case committed(T)
    /// COMMIT was sent, or may have been, and failed without the server's answer (`error`): the write may or may not
    /// have happened. `mark` is the transaction's when one of its statements recorded it.
    case unanswered(T, mark: TransactionMark?, error: any Error)
}

/// A write transaction's id and when the server that gave it started. An id that left nothing on disk is handed
/// out again by a server started since, which may be another server: a standby promoted in the first's place, to
/// which the transaction's WAL never came. So the id says what became of the transaction only on the same server.
struct TransactionMark: Sendable, Hashable {
    let id: Int64
    /// `pg_postmaster_start_time()`, in seconds since 1970.
    let serverStartedAt: Double

    /// The columns a statement returns the mark in, to be decoded as `(Int64, Double)`.
    static let columns = "pg_current_xact_id()::text::bigint, extract(epoch FROM pg_postmaster_start_time())::float8"

    init(_ columns: (Int64, Double)) {
        (id, serverStartedAt) = columns
    }
}

/// Where a session keeps its transaction's mark: written by the statement that returns it, read after COMMIT.
private final class TransactionMarkNote: Sendable {
    let value = Mutex<TransactionMark?>(nil)
}
