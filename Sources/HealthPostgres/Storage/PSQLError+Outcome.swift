import PostgresNIO

extension PSQLError {
    /// SQLSTATEs after which running the whole transaction again can succeed.
    static let retryableStates: Set<String> = [
        PostgresError.Code.serializationFailure.raw, PostgresError.Code.deadlockDetected.raw,
        PostgresError.Code.uniqueViolation.raw,
    ]

    /// The server refused the statement because of another transaction, not because of the statement itself.
    var isRetryableRace: Bool {
        guard let state = serverInfo?[.sqlState] else { return false }
        return Self.retryableStates.contains(state)
    }

    /// The session is over: the connection broke or closed, or the server ended it (a FATAL or PANIC error, such
    /// as `57P01 admin_shutdown` when PostgreSQL stops). A transaction that had not sent its COMMIT is rolled back
    /// with the session, so the write it held did not happen.
    var isSessionLost: Bool {
        switch code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            let severity = serverInfo?[.severity] ?? serverInfo?[.localizedSeverity]
            let state = serverInfo?[.sqlState] ?? ""
            return severity == "FATAL" || severity == "PANIC" || state.hasPrefix("08") || state.hasPrefix("57P")
        default:
            return false
        }
    }

    /// The server answered COMMIT with an error and kept the session: the transaction was rolled back. Every other
    /// failure of a COMMIT (no answer, a closed connection, an ended session) leaves its outcome unknown.
    var isRefusedCommit: Bool {
        code == .server && !isSessionLost
    }
}
