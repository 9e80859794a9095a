import Synchronization

/// How long chaff takes: each route keeps the times of its last real answers, and a chaff answer waits as long as
/// one of them picked at random, so the times of chaff follow those of real uploads (a constant delay, or none,
/// would tell them apart to anyone timing the traffic).
final class ChaffPacer: Sendable {
    /// How many recent real answers per route the pacer draws from.
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
    }

    private let routes = Mutex<[String: Samples]>([:])

    /// Records how long a real answer on `route` took.
    func record(_ duration: Duration, route: String) {
        routes.withLock { $0[route, default: Samples()].add(duration) }
    }

    /// How long the next chaff answer on `route` waits: a recent real answer's time, or none before the first.
    func delay(route: String) -> Duration {
        routes.withLock { $0[route]?.durations.randomElement() } ?? .zero
    }
}
