import Logging
public import PostgresNIO
import Synchronization

/// One leased connection inside one transaction, with the few ways the stores run statements on it.
public struct PostgresSession: Sendable {
    public let connection: PostgresConnection
    let logger: Logger
    /// Inside a write transaction: reads that decide a write lock the rows they read (`FOR UPDATE`).
    public let isWrite: Bool
    /// The write transaction's id, once one of its statements has returned it (see ``recordTransactionID(_:)``).
    private let transactionID = TransactionIDNote()

    init(connection: PostgresConnection, logger: Logger, isWrite: Bool) {
        self.connection = connection
        self.logger = logger
        self.isWrite = isWrite
    }

    /// ` FOR UPDATE` in a write transaction, nothing in a read-only one (where it is refused).
    var forUpdate: String { isWrite ? " FOR UPDATE" : "" }

    /// Notes the id PostgreSQL gave this transaction (`pg_current_xact_id()`), returned by a statement the write runs
    /// anyway: should COMMIT go unanswered, the id is how the write learns whether it committed.
    func recordTransactionID(_ id: Int64) {
        transactionID.id.store(id, ordering: .relaxed)
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
            let id = transactionID.id.load(ordering: .relaxed)
            return .unanswered(value, transactionID: id == 0 ? nil : id, error: error)
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
    /// have happened. `transactionID` is the transaction's id when one of its statements recorded it.
    case unanswered(T, transactionID: Int64?, error: any Error)
}

/// Where a session keeps its transaction's id: written by the statement that returns it, read after COMMIT.
private final class TransactionIDNote: Sendable {
    /// 0 until recorded: PostgreSQL's transaction ids start at 3.
    let id = Atomic<Int64>(0)
}
