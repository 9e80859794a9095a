internal import CSQLite

/// One SQLite connection. Not thread-safe: only ``SQLiteDatabase`` owns one and uses it from its own thread.
public final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// Set while a transaction's bodies run: a statement then refuses to run once SQLite has rolled the
    /// transaction back by itself (after SQLITE_FULL, an I/O error, ...), so that nothing a body does after such a
    /// failure commits on its own.
    var isTransactionRequired = false

    /// Opens (creating when asked) the database at `path`; `":memory:"` opens a private in-memory database.
    init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        _ = Self.processSettings
        var connection: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError.current(connection, fallback: code)
            sqlite3_close_v2(connection)
            throw error
        }
        sqlite3_extended_result_codes(connection, 1)
        self.handle = connection
    }

    /// SQLite's process-wide settings, made once before the first connection opens: no memory statistics, whose
    /// mutex every connection's allocations would otherwise share (nothing here reads those statistics); and
    /// statement journals kept in memory up to ``statementJournalSpillBytes``.
    private static let processSettings: Void = {
        _ = csqlite_disable_memory_statistics()
        _ = csqlite_set_statement_journal_spill(statementJournalSpillBytes)
    }()

    /// How large a statement journal (the before-images a savepoint needs) grows in memory before it moves to a
    /// temporary file, where it stays until the transaction ends. Each grouped write runs in a savepoint, and a
    /// booking changes 9 to 19 pages that were there before it began (up to 76 KiB of journal): with SQLite's
    /// default of 64 KiB one booking of a group now and then spilled, and every booking after it in that group
    /// wrote its before-images to the file page by page, more page writes than the log itself took.
    ///
    /// SQLite keeps an in-memory journal in chunks of this size and copies each chunk in one write when it spills,
    /// so it stays below 128 KiB: the copy of a 1 or 8 MiB chunk was seen to become a zero-byte write (the low 17
    /// bits of its length), reported as SQLITE_FULL with the disk half empty. Nor is it unbounded (-1):
    /// then the journal is a list of 1 KiB chunks walked from its head whenever a savepoint inside it ends, and a
    /// lab batch, 1,000 savepoints in one write, slowed with the square of the pages it changed.
    static let statementJournalSpillBytes: Int32 = 120 * 1024

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows we need.
    public func execute(_ sql: String) throws(SQLiteError) {
        try requireOpenTransaction()
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError.current(handle, fallback: code) }
    }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: any SQLiteValueConvertible...) throws(SQLiteError) -> Int {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
        return Int(sqlite3_changes64(handle))
    }

    /// Runs one query and maps each row.
    public func query<T>(
        _ sql: String,
        _ values: any SQLiteValueConvertible...,
        row transform: (SQLiteRow) throws -> T
    ) throws -> [T] {
        try query(sql, arguments: values, row: transform)
    }

    /// Runs one query whose parameters are only known at run time (an optional filter each) and maps each row.
    public func query<T>(
        _ sql: String,
        arguments values: [any SQLiteValueConvertible],
        row transform: (SQLiteRow) throws -> T
    ) throws -> [T] {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var rows: [T] = []
        while try statement.step() {
            rows.append(try transform(SQLiteRow(statement: statement)))
        }
        return rows
    }

    /// Runs one query and hands each row to `body` until it returns false; the rows after that are never read.
    public func forEachRow(
        _ sql: String,
        arguments values: [any SQLiteValueConvertible],
        _ body: (SQLiteRow) throws -> Bool
    ) throws {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step(), try body(SQLiteRow(statement: statement)) {}
    }

    /// Runs one query and maps its first row, if any.
    public func queryFirst<T>(
        _ sql: String,
        _ values: any SQLiteValueConvertible...,
        row transform: (SQLiteRow) throws -> T
    ) throws -> T? {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try transform(SQLiteRow(statement: statement))
    }

    /// The rowid of the last row this connection inserted.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Sets how long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    func setBusyTimeout(milliseconds: Int32) throws(SQLiteError) {
        let code = sqlite3_busy_timeout(handle, milliseconds)
        guard code == SQLITE_OK else { throw SQLiteError.current(handle, fallback: code) }
    }

    /// Reads a pragma's single value.
    func pragma(_ name: String) throws -> SQLiteValue {
        try queryFirst("PRAGMA \(name)") { $0[0] } ?? .null
    }

    /// Throws when a transaction is required and SQLite has already rolled it back.
    private func requireOpenTransaction() throws(SQLiteError) {
        if isTransactionRequired && sqlite3_get_autocommit(handle) != 0 { throw .transactionRolledBack() }
    }

    private func prepared(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try requireOpenTransaction()
        if let statement = statements[sql] { return statement }
        let statement = try SQLiteStatement(sql: sql, connection: handle)
        statements[sql] = statement
        return statement
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}

extension SQLiteConnection {
    /// `?, ?, …` for an `IN` list of `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
