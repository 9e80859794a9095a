import HealthServices
import PostgresNIO
import Synchronization

/// A connection leased from the pool by a helper task and handed to the task that asked for it, which waits for it
/// only until a deadline.
///
/// The pool's lease (`PostgresClient.withConnection`) waits for as long as the server cannot be reached, and the only
/// way to end that wait is to cancel the task waiting in it. So a helper task waits there instead: when the deadline
/// passes first, the asking task goes on to answer that the database is unavailable, and cancelling the helper takes
/// its request out of the pool's queue. When the connection comes first, the helper holds the lease until the asking
/// task releases it. Each side's continuation is resumed outside the lock, by the closure the lock hands back.
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
        /// The asking task is done: it gave the connection back, or gave up waiting with this error.
        case over((any Error)?)
    }

    private let state = Mutex(State.idle)

    /// The connection, once the helper has it; throws `unavailable` when `deadline` passes first, and what the helper
    /// met when the pool refused it.
    func connection(before deadline: ContinuousClock.Instant, unavailable: StoreError) async throws
        -> PostgresConnection
    {
        let timer = PostgresClient.defaultEventLoopGroup.next().scheduleTask(in: TimeAmount(deadline - .now)) {
            self.giveUp(unavailable)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { asker in
            let next: (() -> Void)? = state.withLock { state in
                switch state {
                case .idle:
                    state = .asking(asker)
                    return nil
                case .offered(let connection, let helper):
                    state = .lent(helper)
                    return { asker.resume(returning: connection) }
                case .over(let error):
                    return { asker.resume(throwing: error ?? unavailable) }
                case .asking, .lent:
                    preconditionFailure("a handoff serves one asking task once")
                }
            }
            next?()
        }
    }

    /// Gives the connection back to the helper, which returns it to the pool.
    func release() {
        let next: (() -> Void)? = state.withLock { state in
            guard case .lent(let helper) = state else { return nil }
            state = .over(nil)
            return { helper.resume() }
        }
        next?()
    }

    /// The helper's side: leases a connection from `client`, hands it over and holds the lease until it comes back
    /// (at once when the asking task has given up). A refused lease ends the asking task's wait with `unavailable`,
    /// or with `CancellationError` when the helper was cancelled because its asking task was.
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
            case .over:
                return { helper.resume() }
            case .offered, .lent:
                preconditionFailure("a handoff lends one connection")
            }
        }
        next()
    }

    /// Ends the asking task's wait with `error`, unless it already has the connection.
    private func giveUp(_ error: any Error) {
        let next: (() -> Void)? = state.withLock { state in
            switch state {
            case .idle:
                state = .over(error)
                return nil
            case .asking(let asker):
                state = .over(error)
                return { asker.resume(throwing: error) }
            case .offered(_, let helper):
                state = .over(error)
                return { helper.resume() }
            case .lent, .over:
                return nil
            }
        }
        next?()
    }
}

extension TimeAmount {
    /// `duration` in NIO's unit; zero when it is negative.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }
}
