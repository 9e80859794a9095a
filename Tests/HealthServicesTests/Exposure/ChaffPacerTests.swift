import Foundation
import TestSupport
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

    /// A wait ends when the drawn real time has passed since the chaff's own start, not after it anew.
    @Test func waitsCountFromTheStart() async throws {
        let pacer = ChaffPacer()
        pacer.record(.milliseconds(300), route: "certificate")
        let gauge = StallGauge()
        let gauging = Task { await gauge.run() }
        defer { gauging.cancel() }
        let started = ContinuousClock.now - .milliseconds(200)
        try await pacer.pace(route: "certificate", since: started) {}
        let waited = ContinuousClock.now - started
        // About 300 ms, not 200 + 300: what a busy test process adds is allowed for as measured.
        #expect(waited >= .milliseconds(300) && waited < .milliseconds(450) + gauge.stalled, "\(waited)")
    }

    @Test func aStartLongAgoDoesNotWait() async throws {
        let pacer = ChaffPacer()
        pacer.record(.seconds(1), route: "publish")
        let before = ContinuousClock.now
        try await pacer.pace(route: "publish", since: before - .seconds(2)) {}
        // Far less than the second it would have waited, whatever else the machine runs.
        #expect(ContinuousClock.now - before < .milliseconds(500))
        #expect(pacer.expectedLateness(route: "publish") == .zero)
    }

    /// Every sleep wakes after its deadline; the pacer learns by how much, per route, and sleeps that much less.
    @Test func waitsLearnHowLateTheyWake() async throws {
        let pacer = ChaffPacer()
        pacer.record(.milliseconds(1), route: "verify")
        #expect(pacer.expectedLateness(route: "verify") == .zero)
        for _ in 0..<5 { try await pacer.pace(route: "verify", since: .now) {} }
        #expect(pacer.expectedLateness(route: "verify") > .zero)
        #expect(pacer.expectedLateness(route: "publish") == .zero)
    }

    /// The work after the sleep (encoding the answer) counts as lateness too: the next sleep ends earlier by it.
    @Test func theWorkAfterTheSleepIsPartOfTheLateness() async throws {
        let pacer = ChaffPacer()
        pacer.record(.milliseconds(20), route: "certificate")
        try await pacer.pace(route: "certificate", since: .now) { Thread.sleep(forTimeInterval: 0.005) }
        #expect(pacer.expectedLateness(route: "certificate") >= .milliseconds(5))
    }
}
