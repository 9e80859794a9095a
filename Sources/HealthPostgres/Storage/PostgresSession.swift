import Logging
public import PostgresNIO

/// One leased connection inside one transaction, with the few ways the stores run statements on it.
public struct PostgresSession: Sendable {
    public let connection: PostgresConnection
    let logger: Logger
    /// Inside a write transaction: reads that decide a write lock the rows they read (`FOR UPDATE`).
    public let isWrite: Bool

    /// ` FOR UPDATE` in a write transaction, nothing in a read-only one (where it is refused).
    var forUpdate: String { isWrite ? " FOR UPDATE" : "" }

    /// Runs `body` between `begin` and `COMMIT`; rolls back and rethrows when it throws.
    func transaction<T>(begin: String, _ body: () async throws -> T) async throws -> T {
        try await execute(begin)
        do {
            let value = try await body()
            try await execute("COMMIT")
            return value
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }

    /// Runs one statement given as trusted SQL text with no parameters.
    func execute(_ sql: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// The rows of `query`, each made into a value by `row`.
    public func all<T>(_ query: PostgresQuery, _ row: (PostgresRow) throws -> T) async throws -> [T] {
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
