import Synchronization

/// How long chaff takes: each route keeps the times of its last real answers, from the start of the handler to the
/// encoded answer, and a chaff answer is made ready when one of them, picked at random, has passed since its own
/// start, so the times of chaff follow those of real uploads (a constant delay, or none, would tell them apart to
/// anyone timing the traffic).
///
/// Chaff sleeps, then encodes its answer, and both take longer than they seem: a sleep wakes late (tens of
/// microseconds on an idle Linux machine, more on a busy one, and more the longer the sleep), and the encoding
/// after it runs on a cold CPU (about 10 µs slower than a real answer's, encoded straight after signing). Together
/// they made chaff about 0.2 ms slower than real answers, enough to tell them apart most of the time. So each route
/// also keeps how long its recent waits took from the sleep's deadline to the answer being ready, and a wait
/// sleeps that much less (the median): a chaff answer is then ready, on average, when the real one it copies was.
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

    /// How long after its sleep's deadline a chaff answer on `route` is expected to be ready: the median of its
    /// recent waits'.
    func expectedLateness(route: String) -> Duration {
        routes.withLock { $0[route]?.lateness.median } ?? .zero
    }

    /// Returns `finish()` (the answer's encoding) once ``delay(route:)`` has passed since `started`: sleeps until
    /// then less the expected lateness, and runs `finish` on waking; runs it at once if the chaff's own work took
    /// that long already.
    func pace<Answer>(route: String, since started: ContinuousClock.Instant, _ finish: () throws -> Answer)
        async throws -> Answer
    {
        let deadline = started + delay(route: route) - expectedLateness(route: route)
        guard deadline > .now else { return try finish() }
        try await Task.sleep(until: deadline, clock: .continuous)
        let answer = try finish()
        let lateness = ContinuousClock.now - deadline
        routes.withLock { $0[route, default: Route()].lateness.add(lateness) }
        return answer
    }
}
