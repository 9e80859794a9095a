/// A SQLite database file with one connection, owned by this actor on a thread of its own.
///
/// At open it sets and checks WAL journaling, `synchronous=FULL` (a commit is on disk before it returns),
/// foreign keys and a busy timeout, then applies the migrations.
public actor SQLiteDatabase {
    /// Where the database lives.
    public enum Location: Sendable, Hashable {
        case file(path: String)
        /// A private in-memory database, for tests and tools.
        case memory
    }

    private let executor: DedicatedThreadExecutor
    private let connection: SQLiteConnection
    public nonisolated let location: Location

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// How long a write waits for another process's lock before it fails.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    public init(_ location: Location, migrations: [Migration]) throws {
        let path: String
        switch location {
        case .file(let filePath): path = filePath
        case .memory: path = ":memory:"
        }
        let connection = try SQLiteConnection(path: path)
        try Self.configure(connection, expectingWAL: location != .memory)
        try connection.migrate(migrations)
        self.connection = connection
        self.location = location
        self.executor = DedicatedThreadExecutor(name: "sqlite")
    }

    deinit { executor.stop() }

    private static func configure(_ connection: SQLiteConnection, expectingWAL: Bool) throws {
        try connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        let journalMode = try connection.pragma("journal_mode = WAL")
        if expectingWAL, journalMode != .text("wal") {
            throw SQLiteError.misuse("journal_mode is \(journalMode), WAL could not be enabled")
        }
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        try expect(connection, "synchronous", equals: 2)
        try expect(connection, "foreign_keys", equals: 1)
        try expect(connection, "busy_timeout", equals: Int64(busyTimeoutMilliseconds))
    }

    private static func expect(_ connection: SQLiteConnection, _ pragma: String, equals expected: Int64) throws {
        let value = try connection.pragma(pragma)
        guard value == .integer(expected) else {
            throw SQLiteError.misuse("PRAGMA \(pragma) is \(value), expected \(expected)")
        }
    }

    /// Runs `body` outside any explicit transaction: for reads, each statement sees one consistent snapshot.
    public func read<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try body(connection)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    public func write<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let result = try body(connection)
            try connection.execute("COMMIT")
            return result
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            throw error
        }
    }
}
