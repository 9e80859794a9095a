import Testing

@testable import HealthAPI

/// Chaff waits as long as real answers on its route take: one of their recent times, never a constant.
@Suite struct ChaffPacerTests {
    @Test func noDelayBeforeTheFirstRealAnswer() {
        #expect(ChaffPacer().delay(route: "verify") == .zero)
    }

    @Test func delaysAreRecentRealTimesOfTheSameRoute() {
        let pacer = ChaffPacer()
        let times: [Duration] = [.milliseconds(3), .milliseconds(5), .milliseconds(40)]
        for time in times { pacer.record(time, route: "publish") }
        pacer.record(.seconds(9), route: "verify")
        let drawn = Set((0..<200).map { _ in pacer.delay(route: "publish") })
        #expect(drawn == Set(times))
        #expect(pacer.delay(route: "certificate") == .zero)
    }

    @Test func onlyTheLastSamplesCount() {
        let pacer = ChaffPacer()
        for _ in 0..<ChaffPacer.sampleCount { pacer.record(.seconds(1), route: "verify") }
        for _ in 0..<ChaffPacer.sampleCount { pacer.record(.milliseconds(2), route: "verify") }
        #expect((0..<50).allSatisfy { _ in pacer.delay(route: "verify") == .milliseconds(2) })
    }
}
