import Testing

@testable import HealthServices

@Suite struct HealthStatusRulesTests {
    static let now = Timestamp(iso8601: "2026-06-01T12:00:00Z")!

    static func result(_ state: LabResult.State, _ test: LabResult.Test = .pcr, daysAgo: Int64) -> LabResult {
        let sampled = now.adding(days: -daysAgo)
        return LabResult(
            id: "res_\(daysAgo)", lab: "lab", sampleId: "S\(daysAgo)", personId: "per_1", test: test, state: state,
            sampledAt: sampled, resultedAt: sampled, appointmentId: nil, version: 1, createdAt: sampled,
            updatedAt: sampled)
    }

    static func dose(_ number: Int, of total: Int, daysAgo: Int64) -> Vaccination {
        let given = now.adding(days: -daysAgo)
        return Vaccination(
            id: "vac_\(daysAgo)", personId: "per_1", service: "comirnaty", appointmentId: nil, doseNumber: number,
            totalDoses: total, administeredAt: given, lot: nil, country: "BH", recordedBy: "nurse", recordedAt: given,
            centreId: nil)
    }

    static func status(_ results: [LabResult] = [], _ doses: [Vaccination] = []) -> HealthStatus {
        HealthStatusRules.status(results: results, vaccinations: doses, at: now)
    }

    /// Red until the isolation ends as an order from the sample's day would: sampled 2026-05-29 (in Bahrain), the
    /// start of 2026-06-08 there (21:00 UTC the day before), not the sample's time plus 10 days.
    @Test func aRecentPositiveTestIsRedUntilTheIsolationEnds() {
        let status = Self.status(
            [Self.result(.positive, .rapidAntigen, daysAgo: 3)], [Self.dose(2, of: 2, daysAgo: 40)])
        let end = Timestamp(iso8601: "2026-06-07T21:00:00Z")
        #expect(status == HealthStatus(colour: .red, reason: "isolating", validUntil: end))
    }

    /// A positive whose isolation order an operator ended on day 2 is not green `recovered` before its isolation
    /// would have ended.
    @Test func recoveryStartsWhenTheIsolationWouldHaveEnded() {
        let released = Order(
            id: "ord_1", personId: "per_1", caseId: "case_1", kind: .isolation, startDate: Self.now.civilDate,
            endDate: Self.now.civilDate, state: .released, releasedAt: Self.now, releaseReason: "case-closed",
            createdAt: Self.now)
        let early = HealthStatusRules.status(
            results: [Self.result(.positive, daysAgo: 2)], vaccinations: [], orders: [released], at: Self.now)
        #expect(early.colour == .grey)
        #expect(Self.status([Self.result(.positive, daysAgo: 10)]).reason == "recovered")

        // A rapid test opened the isolation 10 days ago, a PCR two days later joined it: recovered with it.
        let ended = Order(
            id: "ord_2", personId: "per_1", caseId: "case_2", kind: .isolation,
            startDate: Self.now.adding(days: -10).civilDate, endDate: Self.now.civilDate, state: .released,
            releasedAt: Self.now, releaseReason: "completed", createdAt: Self.now.adding(days: -10))
        let joined = HealthStatusRules.status(
            results: [Self.result(.positive, .rapidAntigen, daysAgo: 10), Self.result(.positive, daysAgo: 8)],
            vaccinations: [], orders: [ended], at: Self.now)
        #expect(joined.reason == "recovered")
    }

    /// A positive under no order is judged by the isolation days orders are given: with a 7-day isolation, a PCR
    /// sampled 8 days ago is recovered, not isolating until day 10.
    @Test func anIsolationNeverOrderedLastsTheConfiguredDays() {
        let positive = Self.result(.positive, daysAgo: 8)
        #expect(Self.status([positive]).reason == "isolating")
        let shorter = HealthStatusRules.status(results: [positive], vaccinations: [], isolationDays: 7, at: Self.now)
        #expect(shorter.colour == .green && shorter.reason == "recovered")
    }

    @Test func aPositivePCRGivesGreenForRecoveryAfterIsolation() {
        let status = Self.status([Self.result(.positive, daysAgo: 30)])
        #expect(status == HealthStatus(colour: .green, reason: "recovered", validUntil: Self.now.adding(days: 150)))
        #expect(Self.status([Self.result(.positive, .rapidAntigen, daysAgo: 30)]).colour == .grey)
        #expect(Self.status([Self.result(.positive, daysAgo: 181)]).colour == .grey)
    }

    @Test func vaccinationGoesFromYellowToGreenToBoosterDue() {
        #expect(Self.status([], [Self.dose(1, of: 2, daysAgo: 5)]).reason == "partially-vaccinated")
        let pending = Self.status([], [Self.dose(1, of: 2, daysAgo: 30), Self.dose(2, of: 2, daysAgo: 5)])
        #expect(
            pending == HealthStatus(colour: .yellow, reason: "protection-pending", validUntil: Self.now.adding(days: 9))
        )
        let green = Self.status([], [Self.dose(2, of: 2, daysAgo: 20)])
        #expect(
            green == HealthStatus(colour: .green, reason: "fully-vaccinated", validUntil: Self.now.adding(days: 160)))
        #expect(Self.status([], [Self.dose(2, of: 2, daysAgo: 200)]).reason == "booster-due")
        #expect(
            Self.status([], [Self.dose(3, of: 3, daysAgo: 200), Self.dose(4, of: 3, daysAgo: 20)]).colour == .green)
    }

    /// A booster numbered past its course protects at once, as entry rule VR-BH-0002 takes it: a green shield does
    /// not turn yellow for 14 days. One written as the last of a longer course (`3/3`) waits, as the rule does.
    @Test func aBoosterKeepsTheShieldGreen() {
        let boosted = HealthStatus(colour: .green, reason: "fully-vaccinated", validUntil: Self.now.adding(days: 180))
        #expect(Self.status([], [Self.dose(1, of: 1, daysAgo: 60), Self.dose(2, of: 1, daysAgo: 0)]) == boosted)
        #expect(Self.status([], [Self.dose(2, of: 2, daysAgo: 200), Self.dose(3, of: 2, daysAgo: 0)]) == boosted)
        let longerCourse = Self.status([], [Self.dose(2, of: 2, daysAgo: 200), Self.dose(3, of: 3, daysAgo: 0)])
        #expect(longerCourse.reason == "protection-pending")
    }

    @Test func theLongerGreenWinsAndNothingMeansGrey() {
        let both = Self.status([Self.result(.positive, daysAgo: 100)], [Self.dose(2, of: 2, daysAgo: 20)])
        #expect(both.reason == "fully-vaccinated")
        let boosterDueButRecovered = Self.status(
            [Self.result(.positive, daysAgo: 20)], [Self.dose(2, of: 2, daysAgo: 300)])
        #expect(boosterDueButRecovered.reason == "recovered")
        #expect(Self.status([Self.result(.negative, daysAgo: 1), Self.result(.pending, daysAgo: 0)]).colour == .grey)
        #expect(Self.status() == HealthStatus(colour: .grey, reason: "no-record", validUntil: nil))
    }
}
