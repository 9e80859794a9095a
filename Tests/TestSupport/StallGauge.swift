import Synchronization

/// How long this process's tasks could not run: a task sleeps 10 ms at a time and adds up how late it woke.
///
/// A test that times a deadline kept by a task (a pool's wait, a pacer's sleep) shares two cores with a hundred
/// suites, some of which hold the concurrency threads with work that does not suspend; such a test allows for
/// ``stalled`` rather than for a fixed slack.
public final class StallGauge: Sendable {
    private static let tick = Duration.milliseconds(10)
    /// The lateness added up so far, and when the gauge last woke (at first: when it was made, so that a ``run()``
    /// that starts late counts that too).
    private let state = Mutex((lateness: Duration.zero, lastWake: ContinuousClock.now))

    public init() {}

    /// The time lost so far: each wake-up's lateness, and how overdue the next one is now (the gauge's task may not
    /// have run since the threads were freed).
    public var stalled: Duration {
        state.withLock { $0.lateness + max(.zero, ContinuousClock.now - $0.lastWake - Self.tick) }
    }

    /// Measures until the task is cancelled.
    public func run() async {
        while (try? await Task.sleep(for: Self.tick)) != nil {
            let now = ContinuousClock.now
            state.withLock { state in
                state.lateness += max(.zero, now - state.lastWake - Self.tick)
                state.lastWake = now
            }
        }
    }
}
