public import HealthServices

/// A SQLite database file with one connection, owned by this actor on a thread of its own.
///
/// At open it sets and checks WAL journaling, `synchronous=FULL` (a commit is on disk before it returns),
/// foreign keys, a busy timeout, the page cache, the checkpoint interval and the log's size limit, then applies
/// the migrations. Writes share commits (``groupedWrite(_:)``); once the writer has been idle for a moment the log
/// is copied into the database file and truncated (``checkpoint()``).
public actor SQLiteDatabase {
    /// Where the database lives.
    public enum Location: Sendable, Hashable {
        case file(path: String)
        /// A private in-memory database, for tests and tools.
        case memory
    }

    nonisolated let executor: DedicatedThreadExecutor
    let connection: SQLiteConnection
    /// Read-only connections for ``read(_:)`` on a file database; an in-memory one reads on the writer.
    nonisolated let readers: SQLiteReaderPool?
    /// Grouped writes waiting for the next shared commit, in arrival order.
    var pendingWrites: [PendingWrite] = []
    var isFlushScheduled = false
    /// A shared transaction is open: its bodies are running.
    var isFlushing = false
    /// When the last write ended, and the task that will checkpoint once the writer has stayed idle.
    var lastWriteEnded = ContinuousClock.now
    var idleCheckpoint: Task<Void, Never>?
    /// Set while the last write's failure for want of space stands.
    nonisolated let outOfSpace: OutOfSpaceMark
    public nonisolated let location: Location
    /// The file's name (`health.sqlite`), or `memory`: how errors and the readiness probe name it.
    public nonisolated let name: String

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// How long a write waits for another process's lock before it fails.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    /// The writer's page cache, in KiB. SQLite's default of 2 MiB holds only the hottest pages of a busy
    /// database, so writes that land on random index pages (diagnosis keys, hashed tokens) read them back from
    /// the file at nearly every commit; a larger cache keeps the working set in memory. 16 MiB booked as fast as
    /// 64 MiB did (`scripts/bench-appointments.sh`, two alternated pairs: 4.4-5.3k against 4.0-4.5k bookings/s)
    /// and left the server at 70 MiB resident after 100,000 bookings instead of 105-111 MiB after 120,000; what
    /// the cache no longer holds stays in the kernel's page cache, which a commit reads from without a disk access.
    static let cacheKibibytes = 16 * 1024

    /// WAL pages after which a commit copies the log back into the database file (SQLite's default is 1,000).
    /// A checkpoint writes each page once however often the log holds it, so a longer log writes far fewer
    /// pages when commits keep landing on the same index pages; the log file stays at about 40 MiB.
    static let autoCheckpointPages = 10_000

    /// The size the log file is cut back to whenever a checkpoint has copied all of it into the database
    /// (`journal_size_limit`), so that the space a long log took is given back, not kept for the next one.
    static let journalSizeLimitBytes = 4 * 1024 * 1024

    /// How many read-only connections a file database keeps beside its writer.
    static let readerCount = 2

    public init(_ location: Location, migrations: [Migration]) throws {
        let path: String
        switch location {
        case .file(let filePath):
            path = filePath
            name = filePath.split(separator: "/").last.map(String.init) ?? filePath
        case .memory:
            path = ":memory:"
            name = "memory"
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
        self.outOfSpace = OutOfSpaceMark(watching: location == .memory ? nil : path)
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
        try connection.execute("PRAGMA journal_size_limit = \(journalSizeLimitBytes)")
        try expect(connection, "synchronous", equals: 2)
        try expect(connection, "foreign_keys", equals: 1)
        try expect(connection, "cache_size", equals: Int64(-cacheKibibytes))
        try expect(connection, "wal_autocheckpoint", equals: Int64(autoCheckpointPages))
        try expect(connection, "busy_timeout", equals: Int64(busyTimeoutMilliseconds))
        try expect(connection, "journal_size_limit", equals: Int64(journalSizeLimitBytes))
    }

    private static func expect(_ connection: SQLiteConnection, _ pragma: String, equals expected: Int64) throws {
        let value = try connection.pragma(pragma)
        guard value == .integer(expected) else {
            throw SQLiteError.misuse("PRAGMA \(pragma) is \(value), expected \(expected)")
        }
    }

    /// Runs `body` outside any explicit transaction: for reads, each statement sees one consistent snapshot of
    /// what has been committed; with `snapshot`, all of them see the one taken at the first (a read transaction). On
    /// a file database it runs on a read-only connection beside the writer (on the writer's connection nothing commits
    /// between its statements anyway). A failure of SQLite's reaches the caller as the ``StoreError`` it means, as a
    /// grouped write's does.
    ///
    /// `body` runs on the connection's own thread and must not suspend there except to call the connection's
    /// store (whose async methods run where they are called); see ``groupedWrite(_:)``.
    public nonisolated func read<T: Sendable>(
        snapshot: Bool = false, _ body: @Sendable (SQLiteConnection) async throws -> T
    ) async throws -> T {
        do {
            if let readers { return try await readers.next().read(snapshot: snapshot, body) }
            return try await readOnWriter(body)
        } catch let error as SQLiteError {
            throw error.storeError(database: name)
        }
    }

    private func readOnWriter<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        try await body(connection)
    }

    /// Whether the last write failed because the disk is full, and neither has a write succeeded since nor has
    /// the volume gained room (``OutOfSpaceMark``).
    public nonisolated var isOutOfSpace: Bool { outOfSpace.isSet }
}
