import Synchronization

/// How long chaff takes: each route keeps the times of its last real answers, from the start of the handler to the
/// answer's content, and a chaff answer is held until one of them, picked at random, has passed since its own
/// start, so the times of chaff follow those of real uploads (a constant delay, or none, would tell them apart to
/// anyone timing the traffic). Both paths do the same work around that span (reading the body, encoding the
/// padded answer), so the span is all the pacer has to match.
///
/// A sleep wakes late: tens of microseconds on an idle Linux machine, more on a busy one, and longer the longer
/// the sleep. That lateness alone made chaff about 0.2 ms slower than real answers, enough to tell them apart most
/// of the time, so each route also keeps how late its recent waits woke, and a wait sleeps that much less (the
/// median), ending on average when the real answer it copies would have.
final class ChaffPacer: Sendable {
    /// How many recent real answers (and waits) per route the pacer draws from.
    static let sampleCount = 128

    private struct Samples {
        var durations: [Duration] = []
        var next = 0

        mutating func add(_ duration: Duration) {
            if durations.count < ChaffPacer.sampleCount {
                durations.append(duration)
            } else {
                durations[next] = duration
            }
            next = (next + 1) % ChaffPacer.sampleCount
        }

        var median: Duration? {
            durations.isEmpty ? nil : durations.sorted()[durations.count / 2]
        }
    }

    private struct Route {
        var answers = Samples()
        var lateness = Samples()
    }

    private let routes = Mutex<[String: Route]>([:])

    /// Records how long a real answer on `route` took.
    func record(_ duration: Duration, route: String) {
        routes.withLock { $0[route, default: Route()].answers.add(duration) }
    }

    /// How long the next chaff answer on `route` takes: a recent real answer's time, or none before the first.
    func delay(route: String) -> Duration {
        routes.withLock { $0[route]?.answers.durations.randomElement() } ?? .zero
    }

    /// How late a wait on `route` is expected to wake: the median of its recent waits' lateness.
    func expectedLateness(route: String) -> Duration {
        routes.withLock { $0[route]?.lateness.median } ?? .zero
    }

    /// Waits until ``delay(route:)`` has passed since `started`, less the expected lateness; at once if the
    /// chaff's own work took that long already.
    func wait(route: String, since started: ContinuousClock.Instant) async throws {
        let wake = started + delay(route: route) - expectedLateness(route: route)
        guard wake > .now else { return }
        try await Task.sleep(until: wake, clock: .continuous)
        let lateness = ContinuousClock.now - wake
        routes.withLock { $0[route, default: Route()].lateness.add(lateness) }
    }
}
