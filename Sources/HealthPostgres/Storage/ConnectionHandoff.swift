import HealthServices
import PostgresNIO
import Synchronization

/// A connection leased from the pool by a helper task and handed to the task that asked for it, which may stop
/// waiting for it at any time.
///
/// The pool's lease (`PostgresClient.withConnection`) waits for as long as the server cannot be reached, and the only
/// way to end that wait is to cancel the task waiting in it. So a helper task waits there instead: when the asking
/// task gives up (its deadline passed, see ``WaitDeadlines``), it goes on to answer that the database is unavailable,
/// and cancelling the helper takes its request out of the pool's queue. When the connection comes first, the helper
/// holds the lease until the asking task releases it. Each side's continuation is resumed outside the lock, by the
/// closure the lock hands back.
final class ConnectionHandoff: Sendable {
    private enum State {
        /// Neither side has arrived.
        case idle
        /// The asking task waits for the connection.
        case asking(CheckedContinuation<PostgresConnection, any Error>)
        /// The helper has the connection and waits for someone to take it.
        case offered(PostgresConnection, CheckedContinuation<Void, Never>)
        /// The asking task has the connection; the helper waits for it back.
        case lent(CheckedContinuation<Void, Never>)
        /// The wait ended without a connection, with this error.
        case gaveUp(any Error)
        /// The asking task gave the connection back.
        case returned
    }

    private let state = Mutex(State.idle)

    /// The connection when the helper already has it (the pool had one idle), without waiting; nil while the helper
    /// still waits. Throws when the wait has already ended without one.
    func takeOffered() throws -> PostgresConnection? {
        try state.withLock { state in
            switch state {
            case .offered(let connection, let helper):
                state = .lent(helper)
                return connection
            case .gaveUp(let error):
                throw error
            case .idle:
                return nil
            case .asking, .lent, .returned:
                preconditionFailure("a handoff serves one asking task once")
            }
        }
    }

    /// The connection, once the helper has it; throws the error the wait was given up with (``giveUp(_:)``).
    func connection() async throws -> PostgresConnection {
        try await withCheckedThrowingContinuation { asker in
            let next: () -> Void = state.withLock { state in
                switch state {
                case .idle:
                    state = .asking(asker)
                    return {}
                case .offered(let connection, let helper):
                    state = .lent(helper)
                    return { asker.resume(returning: connection) }
                case .gaveUp(let error):
                    return { asker.resume(throwing: error) }
                case .asking, .lent, .returned:
                    preconditionFailure("a handoff serves one asking task once")
                }
            }
            next()
        }
    }

    /// Gives the connection back to the helper, which returns it to the pool.
    func release() {
        let next: (() -> Void)? = state.withLock { state in
            guard case .lent(let helper) = state else { return nil }
            state = .returned
            return { helper.resume() }
        }
        next?()
    }

    /// Ends the asking task's wait with `error`, unless it already has the connection.
    func giveUp(_ error: any Error) {
        let next: (() -> Void)? = state.withLock { state in
            switch state {
            case .idle:
                state = .gaveUp(error)
                return nil
            case .asking(let asker):
                state = .gaveUp(error)
                return { asker.resume(throwing: error) }
            case .offered(_, let helper):
                state = .gaveUp(error)
                return { helper.resume() }
            case .lent, .gaveUp, .returned:
                return nil
            }
        }
        next?()
    }

    /// The helper's side: leases a connection from `client`, hands it over and holds the lease until it comes back
    /// (at once when the wait has ended without it). A refused lease ends the wait with `unavailable`, or with
    /// `CancellationError` when the helper was cancelled because its asking task was.
    func lend(from client: PostgresClient, unavailable: StoreError) async {
        do {
            try await client.withConnection { connection in
                await withCheckedContinuation { helper in offer(connection, helper) }
            }
        } catch {
            giveUp(Task.isCancelled ? CancellationError() : unavailable)
        }
    }

    private func offer(_ connection: PostgresConnection, _ helper: CheckedContinuation<Void, Never>) {
        let next: () -> Void = state.withLock { state in
            switch state {
            case .idle:
                state = .offered(connection, helper)
                return {}
            case .asking(let asker):
                state = .lent(helper)
                return { asker.resume(returning: connection) }
            case .gaveUp:
                return { helper.resume() }
            case .offered, .lent, .returned:
                preconditionFailure("a handoff lends one connection")
            }
        }
        next()
    }
}
