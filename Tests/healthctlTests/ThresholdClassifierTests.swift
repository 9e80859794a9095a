import Testing

@testable import healthctl

/// The best one-threshold classifier of `bench exposure-chaff`, on made-up latencies whose answer is known.
@Suite struct ThresholdClassifierTests {
    static func isNear(_ value: Double, _ expected: Double) -> Bool {
        abs(value - expected) < 1e-9
    }

    @Test func identicalSamplesAreAGuess() {
        let latencies = (0..<500).map { Double($0 % 37) }
        #expect(Self.isNear(ThresholdClassifier(real: latencies, chaff: latencies).accuracy, 0.5))
    }

    @Test func separateSamplesAreToldApartInEitherDirection() {
        let slow = (0..<100).map { 10 + Double($0) / 10 }
        let fast = (0..<100).map { Double($0) / 50 }
        let realSlow = ThresholdClassifier(real: slow, chaff: fast)
        #expect(Self.isNear(realSlow.accuracy, 1) && realSlow.realIsAbove)
        #expect(realSlow.threshold > fast.max()! && realSlow.threshold < slow.min()!)
        let realFast = ThresholdClassifier(real: fast, chaff: slow)
        #expect(Self.isNear(realFast.accuracy, 1) && !realFast.realIsAbove)
    }

    /// Uniform on 0 to 1000 against the same shifted by 200: the best threshold gets 60 % right.
    @Test func shiftedUniformSamplesScoreTheirOverlap() {
        let real = (0..<1000).map(Double.init)
        let chaff = real.map { $0 + 200 }
        let classifier = ThresholdClassifier(real: real, chaff: chaff)
        #expect(Self.isNear(classifier.accuracy, 0.6) && !classifier.realIsAbove)
    }

    /// 1 2 3 4 against 3 4 5 6: no threshold splits the tied 3s and 4s, so 6 of 8 is the best.
    @Test func tiedLatenciesStayOnOneSide() {
        let classifier = ThresholdClassifier(real: [1, 2, 3, 4], chaff: [3, 4, 5, 6])
        #expect(Self.isNear(classifier.accuracy, 0.75) && !classifier.realIsAbove)
    }

    /// Counts differ: every real one below 1, chaff half below and half above; guessing would score 50 %.
    @Test func unequalCountsAreBalanced() {
        let classifier = ThresholdClassifier(real: Array(repeating: 0, count: 10), chaff: [0, 0, 0, 2, 2, 2])
        #expect(Self.isNear(classifier.accuracy, 0.75) && !classifier.realIsAbove)
    }

    @Test func quantilesAreNearestRanks() {
        let latencies: [Double] = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10]
        #expect(latencies.quantile(0.5) == 5 && latencies.quantile(0.9) == 9 && latencies.quantile(1) == 10)
        #expect([4.0].quantile(0) == 4)
    }
}
