import Synchronization

/// A read-only connection to a database file, owned by this actor on a thread of its own.
///
/// WAL lets readers run beside the writer, each seeing the last committed state; a few of these take reads off
/// the writer's thread so searches neither wait behind commits nor for each other.
actor SQLiteReader {
    private let executor: DedicatedThreadExecutor
    private let connection: SQLiteConnection

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(path: String, busyTimeoutMilliseconds: Int32) throws {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        try connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        self.connection = connection
        self.executor = DedicatedThreadExecutor(name: "sqlite-reader")
    }

    deinit { executor.stop() }

    /// Ends the reader's thread and waits for it (see ``DedicatedThreadExecutor/shutDown()``).
    nonisolated func shutDown() {
        executor.shutDown()
    }

    /// Runs `body`; with `snapshot`, in one read transaction, so that all its statements see the state committed
    /// when the first began.
    func read<T: Sendable>(snapshot: Bool, _ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        guard snapshot else { return try await body(connection) }
        try connection.execute("BEGIN")
        do {
            let value = try await body(connection)
            try connection.execute("COMMIT")
            return value
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}

/// Hands out a fixed set of readers in turn.
final class SQLiteReaderPool: Sendable {
    private let readers: [SQLiteReader]
    private let turn = Atomic<Int>(0)

    init(path: String, count: Int, busyTimeoutMilliseconds: Int32) throws {
        var readers: [SQLiteReader] = []
        do {
            for _ in 0..<count {
                readers.append(try SQLiteReader(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds))
            }
        } catch {
            for reader in readers { reader.shutDown() }
            throw error
        }
        self.readers = readers
    }

    /// Ends every reader's thread and waits for them.
    func shutDown() {
        for reader in readers { reader.shutDown() }
    }

    /// The next reader, round robin.
    func next() -> SQLiteReader {
        let turnTaken = UInt(bitPattern: turn.add(1, ordering: .relaxed).oldValue)
        return readers[Int(turnTaken % UInt(readers.count))]
    }
}
