import Foundation
import Testing

@testable import HealthServices

/// Daily statistics on both backends: counts by UTC day, each below 10 shown as `<10` and its rate withheld, the
/// orders running each day, and the public subset without the operational counts.
@Suite struct StatisticsServiceTests {
    @Test(arguments: StorageBackend.allCases) func countsBelowTenAreNeverShown(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend, clock: ManualClock("2026-12-05T12:00:00Z"))
        var items: [Result<LabResultSubmission, ServiceError>] = []
        for index in 0..<26 {
            let nationalId = String(format: "9000000%02d", index)
            _ = try await harness.person(nationalId)
            // 12 negatives and 11 positives sampled on 2026-12-04, 3 negatives on 2026-12-03.
            let hoursAgo: Int64 = index < 23 ? 30 : 54
            items.append(
                try harness.item("S-\(index)", nationalId, index < 11 ? "positive" : "negative", hoursAgo: hoursAgo))
        }
        _ = try await harness.services.results.submit(items, by: ServiceHarness.lab)

        let statistics = harness.services.statistics
        let (from, to, days) = try await statistics.daily(from: "2026-12-02", to: nil, publicSubset: false)
        #expect(from.iso8601 == "2026-12-02" && to.iso8601 == "2026-12-05" && days.count == 4)
        let busy = try #require(days.first { $0.date.iso8601 == "2026-12-04" })
        #expect(busy.tests == .count(23) && busy.positive == .count(11))
        #expect(busy.positivity == 11.0 / 23.0)
        // Cases count on the day they were opened (the upload, today); isolation from the onset (the sample day).
        #expect(busy.casesOpened == .fewerThanTen && busy.isolating == .count(11))
        // The orders were made today: none owed a check-in on the sample day it is dated back to.
        #expect(busy.checkInsMissed == .fewerThanTen && busy.quarantining == .fewerThanTen)
        let quiet = try #require(days.first { $0.date.iso8601 == "2026-12-03" })
        #expect(quiet.tests == .fewerThanTen && quiet.positive == .fewerThanTen && quiet.positivity == nil)
        let today = try #require(days.last)
        #expect(today.casesOpened == .count(11) && today.isolating == .count(11))
        #expect(today.checkInsMissed == .fewerThanTen)

        // Today's check-ins are missed once the day is over in Bahrain.
        harness.clock.advance(seconds: 86_400)
        let (_, _, after) = try await statistics.daily(from: "2026-12-04", to: "2026-12-05", publicSubset: false)
        #expect(after.map(\.checkInsMissed) == [.fewerThanTen, .count(11)])

        let (_, _, open) = try await statistics.daily(from: "2026-12-04", to: "2026-12-04", publicSubset: true)
        #expect(open.count == 1 && open[0].tests == .count(23))
        #expect(open[0].isolating == nil && open[0].bookings == nil && open[0].keysPublished == nil)

        for (from, to, code) in [
            ("2026-12-05", "2026-12-01", ServiceError.Code.invalidRange),
            ("2025-01-01", "2026-12-01", .invalidRange),
            ("2026-13-01", nil, .invalidCaseDate),
        ] {
            let error = await #expect(throws: ServiceError.self) {
                _ = try await statistics.daily(from: from, to: to, publicSubset: false)
            }
            #expect(error?.code == code)
        }
        // The default 90 days before a `to` in year 0 stop at its first day, which has a four-digit date.
        let (first, _, early) = try await statistics.daily(from: nil, to: "0000-01-05", publicSubset: true)
        #expect(first.iso8601 == "0000-01-01" && early.count == 5)
    }

    /// Two counts shown whose difference is a count below 10 would tell it: 10 positives and 2 negatives show the
    /// positives and withhold the tests (and the positivity, which would give them).
    @Test(arguments: StorageBackend.allCases) func aCountWithheldWhereSubtractionWouldTellOneBelowTen(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: ManualClock("2026-12-05T12:00:00Z"))
        var items: [Result<LabResultSubmission, ServiceError>] = []
        for index in 0..<12 {
            let nationalId = String(format: "9000001%02d", index)
            _ = try await harness.person(nationalId)
            items.append(
                try harness.item("W-\(index)", nationalId, index < 10 ? "positive" : "negative", hoursAgo: 30))
        }
        _ = try await harness.services.results.submit(items, by: ServiceHarness.lab)
        for publicSubset in [false, true] {
            let (_, _, days) = try await harness.services.statistics.daily(
                from: "2026-12-04", to: "2026-12-04", publicSubset: publicSubset)
            #expect(days.map(\.tests) == [.withheld] && days.map(\.positive) == [.count(10)])
            #expect(days.map(\.positivity) == [nil])
        }
    }

    /// The rule on its own: withheld only when every count involved would be shown as a number.
    @Test func aCountIsWithheldOnlyWhenTheOthersAreShownAndTheDifferenceIsNot() {
        #expect(StatisticsService.shown(20, unless: [15, 14], tellBelowTen: 9) == .withheld)
        #expect(StatisticsService.shown(20, unless: [15, 14], tellBelowTen: 0) == .withheld)
        #expect(StatisticsService.shown(20, unless: [15, 14], tellBelowTen: 10) == .count(20))
        #expect(StatisticsService.shown(20, unless: [15, 9], tellBelowTen: 5) == .count(20))
        #expect(StatisticsService.shown(9, unless: [15, 14], tellBelowTen: 5) == .fewerThanTen)
    }

    /// The missed check-ins beside orders of a kind shown as "<10": no more than the orders shown as numbers, or
    /// they would say how many of the others there are (24 missed beside 15 isolating: 9 quarantining).
    @Test func missedCheckInsNeverBoundAnOrderCountShownAsFewerThanTen() {
        #expect(StatisticsService.shownMissed(24, ordersInForce: [15, 9]) == .withheld)
        #expect(StatisticsService.shownMissed(16, ordersInForce: [15, 3]) == .withheld)
        #expect(StatisticsService.shownMissed(15, ordersInForce: [15, 9]) == .count(15))
        #expect(StatisticsService.shownMissed(12, ordersInForce: [4, 9]) == .withheld)
        #expect(StatisticsService.shownMissed(5, ordersInForce: [4, 9]) == .fewerThanTen)
        #expect(StatisticsService.shownMissed(20, ordersInForce: [15, 14]) == .withheld, "9 check-ins made")
        #expect(StatisticsService.shownMissed(19, ordersInForce: [15, 14]) == .count(19))
    }
}
