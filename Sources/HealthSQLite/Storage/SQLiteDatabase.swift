public import HealthServices

/// A SQLite database file with one connection, owned by this actor on a thread of its own.
///
/// At open it sets and checks WAL journaling, `synchronous=FULL` (a commit is on disk before it returns),
/// foreign keys, a busy timeout, the page cache and the checkpoint interval, then applies the migrations.
public actor SQLiteDatabase {
    /// Where the database lives.
    public enum Location: Sendable, Hashable {
        case file(path: String)
        /// A private in-memory database, for tests and tools.
        case memory
    }

    private let executor: DedicatedThreadExecutor
    private let connection: SQLiteConnection
    /// Read-only connections for ``read(_:)`` on a file database; an in-memory one reads on the writer.
    private nonisolated let readers: SQLiteReaderPool?
    /// Grouped writes waiting for the next shared commit, in arrival order.
    private var pendingWrites: [PendingWrite] = []
    private var isFlushScheduled = false
    /// A shared transaction is open: its bodies are running.
    private var isFlushing = false
    public nonisolated let location: Location

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// How long a write waits for another process's lock before it fails.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    /// The writer's page cache, in KiB. SQLite's default of 2 MiB holds only the hottest pages of a busy
    /// database, so writes that land on random index pages (diagnosis keys, hashed tokens) read them back from
    /// the file at nearly every commit; a larger cache keeps the working set in memory.
    static let cacheKibibytes = 64 * 1024

    /// WAL pages after which a commit copies the log back into the database file (SQLite's default is 1,000).
    /// A checkpoint writes each page once however often the log holds it, so a longer log writes far fewer
    /// pages when commits keep landing on the same index pages; the log file stays at about 40 MiB.
    static let autoCheckpointPages = 10_000

    /// How many read-only connections a file database keeps beside its writer.
    static let readerCount = 2

    public init(_ location: Location, migrations: [Migration]) throws {
        let path: String
        switch location {
        case .file(let filePath): path = filePath
        case .memory: path = ":memory:"
        }
        let connection = try SQLiteConnection(path: path)
        try Self.configure(connection, expectingWAL: location != .memory)
        try connection.migrate(migrations)
        if case .file(let filePath) = location {
            readers = try SQLiteReaderPool(
                path: filePath, count: Self.readerCount, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        } else {
            readers = nil
        }
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
        try connection.execute("PRAGMA cache_size = \(-cacheKibibytes)")
        try connection.execute("PRAGMA wal_autocheckpoint = \(autoCheckpointPages)")
        try expect(connection, "synchronous", equals: 2)
        try expect(connection, "foreign_keys", equals: 1)
        try expect(connection, "cache_size", equals: Int64(-cacheKibibytes))
        try expect(connection, "wal_autocheckpoint", equals: Int64(autoCheckpointPages))
        try expect(connection, "busy_timeout", equals: Int64(busyTimeoutMilliseconds))
    }

    private static func expect(_ connection: SQLiteConnection, _ pragma: String, equals expected: Int64) throws {
        let value = try connection.pragma(pragma)
        guard value == .integer(expected) else {
            throw SQLiteError.misuse("PRAGMA \(pragma) is \(value), expected \(expected)")
        }
    }

    /// Runs `body` outside any explicit transaction: for reads, each statement sees one consistent snapshot of
    /// what has been committed. On a file database it runs on a read-only connection beside the writer.
    ///
    /// `body` runs on the connection's own thread and must not suspend there except to call the connection's
    /// store (whose async methods run where they are called); see ``groupedWrite(_:)``.
    public nonisolated func read<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T
    {
        if let readers { return try await readers.next().read(body) }
        return try await readOnWriter(body)
    }

    private func readOnWriter<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        try await body(connection)
    }

    /// The most grouped writes one shared transaction takes.
    static let maxWritesPerGroupCommit = 256

    /// Runs `body` like ``write(_:)``, but shares the commit (and its fsync) with the other grouped writes that
    /// are waiting: each body runs in its own savepoint, in arrival order, inside one `BEGIN IMMEDIATE`
    /// transaction. A body that throws is rolled back to its savepoint alone; every caller returns only after
    /// the shared `COMMIT` is durable, and if that commit fails they all get its error and nothing is written.
    ///
    /// Bodies are async so that stores of other backends can share their shape, but here they run on this
    /// actor's thread one after another: the store methods they call run where they are called
    /// (`nonisolated(nonsending)`), so a body never suspends between its statements and no other work of this
    /// actor can come between them.
    public func groupedWrite<T: Sendable>(_ body: sending @escaping (SQLiteConnection) async throws -> T) async throws
        -> T
    {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            var outcome: Result<T, any Error> = .failure(SQLiteError.misuse("grouped write did not run"))
            pendingWrites.append(
                PendingWrite(
                    run: { connection in
                        do {
                            try connection.run("SAVEPOINT grouped_write")
                        } catch {
                            outcome = .failure(error)
                            return
                        }
                        do {
                            outcome = .success(try await body(connection))
                            try connection.run("RELEASE grouped_write")
                        } catch {
                            try? connection.execute("ROLLBACK TO grouped_write")
                            try? connection.execute("RELEASE grouped_write")
                            outcome = .failure(error)
                        }
                    },
                    complete: { commitError in
                        if let commitError {
                            continuation.resume(throwing: commitError)
                        } else {
                            continuation.resume(with: outcome)
                        }
                    }
                )
            )
            scheduleFlush()
        }
    }

    /// Queues one flush behind the jobs already waiting on this actor, so the writes among them join it.
    private func scheduleFlush() {
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        Task { await self.flushWrites() }
    }

    /// Runs the waiting writes (up to ``maxWritesPerGroupCommit``) in one transaction. Should a body ever
    /// suspend, a flush that starts meanwhile leaves its writes to the one under way, which schedules the next.
    private func flushWrites() async {
        isFlushScheduled = false
        guard !isFlushing else { return }
        isFlushing = true
        defer {
            isFlushing = false
            if !pendingWrites.isEmpty { scheduleFlush() }
        }
        let count = min(pendingWrites.count, Self.maxWritesPerGroupCommit)
        let batch = Array(pendingWrites.prefix(count))
        pendingWrites.removeFirst(count)
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            for write in batch { write.complete(error) }
            return
        }
        for write in batch { await write.run(connection) }
        do {
            try connection.run("COMMIT")
            for write in batch { write.complete(nil) }
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            for write in batch { write.complete(error) }
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    @discardableResult
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

/// A grouped write waiting on the database actor: its body (run inside the shared transaction) and the
/// resumption of its caller once the shared commit has succeeded or failed.
private struct PendingWrite {
    let run: (SQLiteConnection) async -> Void
    let complete: ((any Error)?) -> Void
}
