import Synchronization

/// How long this process's tasks could not run: a task sleeps 10 ms at a time and adds up how late it woke.
///
/// A test that times a deadline kept by a task (a pool's wait, a pacer's sleep) shares two cores with a hundred
/// suites, some of which hold the concurrency threads with work that does not suspend; such a test allows for
/// ``stalled`` rather than for a fixed slack.
public final class StallGauge: Sendable {
    private static let tick = Duration.milliseconds(10)
    private let lateness = Mutex(Duration.zero)
    /// When the gauge was made: a ``run()`` that starts late (the threads were held already) counts that too.
    private let made = ContinuousClock.now

    public init() {}

    /// The time lost so far: the sum of each wake-up's lateness.
    public var stalled: Duration { lateness.withLock { $0 } }

    /// Measures until the task is cancelled.
    public func run() async {
        var last = made
        while (try? await Task.sleep(for: Self.tick)) != nil {
            let now = ContinuousClock.now
            let late = now - last - Self.tick
            if late > .zero { lateness.withLock { $0 += late } }
            last = now
        }
    }
}
