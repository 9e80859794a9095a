internal import CSQLite

/// A failed SQLite call, with SQLite's extended result code and its message.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// SQLite's extended result code (for example 2067, SQLITE_CONSTRAINT_UNIQUE).
    public let extendedCode: Int32
    /// SQLite's message for the failure, or ours where SQLite has none.
    public let message: String

    public init(extendedCode: Int32, message: String) {
        self.extendedCode = extendedCode
        self.message = message
    }

    /// The primary result code: the low byte of the extended one.
    public var primaryCode: Int32 { extendedCode & 0xFF }

    /// A UNIQUE, CHECK, FOREIGN KEY or NOT NULL constraint refused the change.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// Another connection held the lock past the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    public var description: String { "SQLite error \(extendedCode): \(message)" }

    /// An error for a condition our own layer detects (SQLITE_MISUSE-class problems, failed checks).
    static func misuse(_ message: String) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISUSE, message: message)
    }

    /// Captures the connection's current error right after a failing call.
    static func current(_ handle: OpaquePointer?, fallback code: Int32) -> SQLiteError {
        guard let handle else {
            return SQLiteError(extendedCode: code, message: String(cString: sqlite3_errstr(code)))
        }
        return SQLiteError(
            extendedCode: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)))
    }
}
