import NIOCore
import NIOHTTP1

/// One route's latencies in `bench exposure-chaff`: real and chaff calls in a random order on one connection, as
/// an observer of the network would time them (from the request's write to the answer's end).
struct BenchChaffRoute {
    let path: String
    /// The timed calls' latencies in milliseconds.
    private(set) var real: [Double] = []
    private(set) var chaff: [Double] = []
    /// Calls that did not answer 200.
    private(set) var failures = 0
    /// The real calls' answers in the order of their bodies; nil where the call failed.
    private(set) var answers: [ByteBuffer?]

    /// Sends every body of `real` plainly and every body of `chaff` with `X-Chaff`: the first `warmup` of each in
    /// a random order untimed, then the rest in a random order, timed.
    init(
        _ path: String, real realBodies: [String], chaff chaffBodies: [String], warmup: Int,
        send: (HTTPMethod, String, [(String, String)], ByteBuffer?) async throws -> BenchHTTPConnection.Answer
    ) async throws {
        self.path = path
        answers = Array(repeating: nil, count: realBodies.count)
        let calls =
            (realBodies.indices.map { (isReal: true, index: $0) })
            + (chaffBodies.indices.map { (isReal: false, index: $0) })
        let (warm, timed) = (calls.filter { $0.index < warmup }, calls.filter { $0.index >= warmup })
        for call in warm.shuffled() + timed.shuffled() {
            let body = ByteBuffer(string: call.isReal ? realBodies[call.index] : chaffBodies[call.index])
            let start = ContinuousClock.now
            let answer = try await send(.POST, path, call.isReal ? [] : [("X-Chaff", "1")], body)
            let milliseconds = (ContinuousClock.now - start).seconds * 1000
            if answer.status != 200 { failures += 1 }
            if call.isReal && answer.status == 200 { answers[call.index] = answer.body }
            guard call.index >= warmup else { continue }
            if call.isReal { real.append(milliseconds) } else { chaff.append(milliseconds) }
        }
    }

    /// What `--json` and the table print of the route.
    struct Summary: Encodable {
        let route: String
        let realMedianMilliseconds: Double
        let realP90Milliseconds: Double
        let chaffMedianMilliseconds: Double
        let chaffP90Milliseconds: Double
        /// The best one-threshold classifier's balanced accuracy (see ``ThresholdClassifier``), 0.5 to 1.
        let classifierAccuracy: Double
        let classifierThresholdMilliseconds: Double
        /// Whether that classifier calls the slower calls real.
        let classifierRealIsSlower: Bool
    }

    var summary: Summary {
        let classifier = ThresholdClassifier(real: real, chaff: chaff)
        return Summary(
            route: path, realMedianMilliseconds: Self.rounded(real.quantile(0.5)),
            realP90Milliseconds: Self.rounded(real.quantile(0.9)),
            chaffMedianMilliseconds: Self.rounded(chaff.quantile(0.5)),
            chaffP90Milliseconds: Self.rounded(chaff.quantile(0.9)),
            classifierAccuracy: Self.rounded(classifier.accuracy),
            classifierThresholdMilliseconds: Self.rounded(classifier.threshold),
            classifierRealIsSlower: classifier.realIsAbove)
    }

    /// To the microsecond (or a thousandth of the accuracy).
    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
