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

    @Test func aRecentPositiveTestIsRedUntilTheIsolationEnds() {
        let status = Self.status(
            [Self.result(.positive, .rapidAntigen, daysAgo: 3)], [Self.dose(2, of: 2, daysAgo: 40)])
        #expect(status == HealthStatus(colour: .red, reason: "isolating", validUntil: Self.now.adding(days: 7)))
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
