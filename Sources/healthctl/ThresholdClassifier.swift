/// The best one-threshold rule for telling real calls from chaff by their latency alone: "above t is real" or
/// "below t is real", whichever `t` and direction score best on the samples. Its accuracy is what an observer who
/// can time every call (and knows both distributions) gets; 50 % means latency tells nothing.
struct ThresholdClassifier: Equatable {
    /// The rule's threshold: a latency between two measured ones (a measured one itself when all are equal).
    let threshold: Double
    /// Whether the rule calls latencies above `threshold` real (else those below).
    let realIsAbove: Bool
    /// The balanced accuracy, 0.5 to 1: the mean of the share of real and the share of chaff the rule gets
    /// right, so guessing one class scores 50 % whatever the counts (with equal counts, the plain accuracy).
    let accuracy: Double

    /// The best rule over every threshold between two neighbouring latencies of the pooled samples.
    init(real: [Double], chaff: [Double]) {
        precondition(!real.isEmpty && !chaff.isEmpty, "both samples are needed")
        let pooled = (real.map { ($0, true) } + chaff.map { ($0, false) }).sorted { $0.0 < $1.0 }
        let realShare = 1 / Double(real.count)
        let chaffShare = 1 / Double(chaff.count)
        // The score of "above t is real" with t below every latency: all real right, all chaff wrong.
        var score = 0.5
        var best = (threshold: pooled[0].0, realIsAbove: true, accuracy: 0.5)
        for (index, (latency, isReal)) in pooled.enumerated() {
            // Moving t above this latency: a real one becomes wrong, a chaff one right.
            score += isReal ? -realShare / 2 : chaffShare / 2
            let next = index + 1 < pooled.count ? pooled[index + 1].0 : latency
            // Equal latencies fall on one side of any threshold together.
            guard next > latency || index + 1 == pooled.count else { continue }
            let threshold = (latency + next) / 2
            if score > best.accuracy { best = (threshold, true, score) }
            if 1 - score > best.accuracy { best = (threshold, false, 1 - score) }
        }
        (threshold, realIsAbove, accuracy) = best
    }
}

extension Array where Element == Double {
    /// The `fraction` quantile by nearest rank (0.5: the median, 0.9: p90); the samples need not be sorted.
    func quantile(_ fraction: Double) -> Double {
        precondition(!isEmpty && (0...1).contains(fraction), "a quantile of a sample")
        let rank = Int((fraction * Double(count)).rounded(.up))
        return sorted()[Swift.max(rank, 1) - 1]
    }
}
