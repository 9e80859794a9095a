internal import CSQLite
import Glibc
import HealthServices

/// A failed SQLite call, with SQLite's extended result code and its message.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// SQLite's extended result code (for example 2067, SQLITE_CONSTRAINT_UNIQUE).
    public let extendedCode: Int32
    /// SQLite's message for the failure, or ours where SQLite has none.
    public let message: String
    /// The operating system's `errno` behind an I/O failure (`sqlite3_system_errno`), else 0.
    public let systemErrno: Int32

    public init(extendedCode: Int32, message: String, systemErrno: Int32 = 0) {
        self.extendedCode = extendedCode
        self.message = message
        self.systemErrno = systemErrno
    }

    /// The primary result code: the low byte of the extended one.
    public var primaryCode: Int32 { extendedCode & 0xFF }

    /// A UNIQUE, CHECK, FOREIGN KEY or NOT NULL constraint refused the change.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// Another connection held the lock past the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// The disk is full: SQLITE_FULL, or an I/O error whose system error says so (a sync can report ENOSPC).
    public var isOutOfSpace: Bool {
        primaryCode == SQLITE_FULL || (primaryCode == SQLITE_IOERR && [ENOSPC, EDQUOT].contains(systemErrno))
    }

    /// SQLite ended the transaction a statement ran in, by itself (SQLITE_ABORT_ROLLBACK, or our check that no
    /// statement of a transaction runs after SQLite has rolled it back).
    static func transactionRolledBack() -> SQLiteError {
        SQLiteError(
            extendedCode: SQLITE_ABORT | (2 << 8),  // SQLITE_ABORT_ROLLBACK, a macro Swift cannot import
            message: "SQLite rolled the transaction back after an earlier failure; the statement did not run")
    }

    public var description: String {
        "SQLite error \(extendedCode): \(message)" + (systemErrno == 0 ? "" : " (errno \(systemErrno))")
    }

    /// What the services see of this failure once it has ended a write to `database`: a full disk and a lock
    /// another process held too long are temporary refusals, anything else a storage failure.
    func storeError(database: String) -> StoreError {
        if isOutOfSpace {
            return StoreError(.storageFull, "\(database): \(description)", database: database)
        }
        if isBusy {
            return StoreError(.databaseUnavailable, "\(database): \(description)", database: database)
        }
        return StoreError(.failed, "\(database): \(description)", database: database)
    }

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
            extendedCode: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)),
            systemErrno: sqlite3_system_errno(handle))
    }
}
