import HealthServices
import Synchronization

/// The deadlines of the waits for a connection of one database, kept by one task that looks ten times a second and
/// gives up the waits that are past theirs.
///
/// A timer of its own for each wait (NIO's, on an event loop other than the waiting task's thread) cost every booking
/// as much as its own handoff: each one woke an event loop to arm it and again to disarm it. A wait that the pool
/// answers at once is never watched at all (see ``PostgresDatabase/withLease(until:_:)``).
final class WaitDeadlines: Sendable {
    /// How often the deadlines are checked: a wait ends at most this late.
    static let tick = Duration.milliseconds(100)

    private let waits = Mutex<[ObjectIdentifier: (handoff: ConnectionHandoff, deadline: ContinuousClock.Instant)]>(
        [:])

    /// Gives up `handoff`'s wait once `deadline` has passed (within a ``tick``), unless ``forget(_:)`` comes first.
    func watch(_ handoff: ConnectionHandoff, until deadline: ContinuousClock.Instant) {
        waits.withLock { $0[ObjectIdentifier(handoff)] = (handoff, deadline) }
    }

    func forget(_ handoff: ConnectionHandoff) {
        _ = waits.withLock { $0.removeValue(forKey: ObjectIdentifier(handoff)) }
    }

    /// Checks the deadlines every ``tick`` until the task is cancelled, giving up the waits past theirs with
    /// `unavailable`.
    func run(unavailable: StoreError) async {
        while (try? await Task.sleep(for: Self.tick)) != nil {
            let now = ContinuousClock.now
            let overdue = waits.withLock { waits in
                let overdue = waits.filter { $0.value.deadline <= now }
                for key in overdue.keys { waits.removeValue(forKey: key) }
                return overdue.values.map(\.handoff)
            }
            for handoff in overdue { handoff.giveUp(unavailable) }
        }
    }
}
