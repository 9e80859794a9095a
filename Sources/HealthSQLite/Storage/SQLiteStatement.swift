internal import CSQLite

/// One prepared statement. Owned by its ``SQLiteConnection``, which caches and reuses it.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(sql: String, connection: OpaquePointer) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            let error = SQLiteError.current(connection, fallback: code)
            sqlite3_finalize(statement)
            throw error
        }
        self.handle = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears earlier bindings and binds `values` to parameters 1…n.
    func bind(_ values: [any SQLiteValueConvertible]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw .misuse("statement takes \(expected) parameters, \(values.count) given")
        }
        for (offset, value) in values.enumerated() {
            try bind(value.sqliteValue, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, index, real)
        case .text(let text):
            // Bound as C text, it would be stored cut at its first U+0000; PostgreSQL refuses such text, so this does.
            guard !text.utf8.contains(0) else { throw .misuse("text holding U+0000 cannot be stored") }
            code = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                // A zero-length blob must still bind as a blob, not NULL: pass a non-nil pointer.
                sqlite3_bind_blob64(
                    handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(buffer.count),
                    csqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError.current(connection, fallback: code) }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.current(connection, fallback: code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Makes the statement ready to run again and releases its read lock.
    func reset() {
        sqlite3_reset(handle)
    }

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(at index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    /// `body` applied to the bytes of a TEXT column, read in place; nil when the column holds another type.
    func withText<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT else { return nil }
        let text = sqlite3_column_text(handle, column)
        return body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// The value of an INTEGER column; nil when the column holds another type.
    func integer(at index: Int) -> Int64? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) == SQLITE_INTEGER else { return nil }
        return sqlite3_column_int64(handle, column)
    }

    /// The column's value in its stored class; blobs with their real length, zero-length ones as `[]`.
    func value(at index: Int) -> SQLiteValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
