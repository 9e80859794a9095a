import Testing

@testable import HealthServices

/// A quarantine a negative PCR ended early is back in force when that negative is corrected away, while it has days
/// left: the person was told it had ended on a test that no longer says so.
@Suite struct QuarantineCorrectionTests {
    let fixtures = OrderReleaseTests()

    /// Two cases and a contact the first names, met `daysAgo`, with the quarantine that gives them.
    func quarantinedContact(_ harness: ServiceHarness, metDaysAgo daysAgo: Int64) async throws
        -> (OrderReleaseTests.TwoCases, Order)
    {
        let setup = try await OrderReleaseTests.twoCasesAndAContact(harness)
        _ = try await harness.services.cases.addContacts(
            [fixtures.name(setup.contact, metOn: fixtures.day(harness, -daysAgo))], caseID: setup.first.id,
            by: harness.operatorPrincipal)
        return (setup, try #require(try await fixtures.activeOrders(of: setup.contact, harness).first))
    }

    @Test(arguments: StorageBackend.allCases) func aCorrectedNegativeGivesTheQuarantineBack(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (setup, quarantine) = try await quarantinedContact(harness, metDaysAgo: 3)
        harness.clock.advance(seconds: 2 * 86_400)
        let results = harness.services.results
        _ = try await results.submit([try harness.item("Q-1", "850211236", "negative")], by: ServiceHarness.lab)
        #expect(try await fixtures.activeOrders(of: setup.contact, harness).isEmpty)

        // Sent again with its sample a day earlier, before the test day: it ends nothing any more.
        _ = try await results.submit(
            [try harness.item("Q-1", "850211236", "negative", hoursAgo: 26)], by: ServiceHarness.lab)
        let back = try await fixtures.activeOrders(of: setup.contact, harness)
        #expect(back.map(\.id) == [quarantine.id] && back.first?.endDate == quarantine.endDate)
        let told = try await harness.services.outbox.latest(limit: 1).first?.text ?? ""
        #expect(told.contains("in quarantine again until \(quarantine.endDate.iso8601)"))
        let audit = try await harness.services.audit.latest(limit: 5).map(\.action)
        #expect(audit.contains("order.reinstate"))

        // The same sample on the test day again ends it again.
        _ = try await results.submit([try harness.item("Q-1", "850211236", "negative")], by: ServiceHarness.lab)
        #expect(try await fixtures.activeOrders(of: setup.contact, harness).isEmpty)
    }

    /// A quarantine that gave way to isolation days ago comes back as a continuation from today when the positive is
    /// corrected away: the days between stay without it, when the person could check in only under the isolation, so
    /// they are neither counted twice nor listed as missed under the quarantine.
    @Test(arguments: StorageBackend.allCases) func aQuarantineBackAfterDaysContinuesFromToday(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (setup, quarantine) = try await quarantinedContact(harness, metDaysAgo: 0)
        harness.clock.advance(seconds: 2 * 86_400)
        let results = harness.services.results
        _ = try await results.submit([try harness.item("Q-3", "850211236", "positive")], by: ServiceHarness.lab)
        let gapDay = fixtures.day(harness, 1)
        harness.clock.advance(seconds: 3 * 86_400)
        _ = try await results.submit(
            [try harness.item("Q-3", "850211236", "negative", hoursAgo: 74)], by: ServiceHarness.lab)

        let back = try #require(try await fixtures.activeOrders(of: setup.contact, harness).first)
        #expect(back.id != quarantine.id && back.kind == .quarantine && back.caseId == setup.first.id)
        #expect(back.startDate == fixtures.day(harness, 0) && back.endDate == quarantine.endDate)
        let orders = try await harness.services.stores.records.read {
            try await $0.cases.orders(ofPeople: [setup.contact.id])
        }
        #expect(orders.first { $0.id == quarantine.id }?.releaseReason == "continued")
        let missed = try await harness.services.orders.missedCheckIns(on: gapDay.iso8601).map(\.id)
        #expect(!missed.contains(quarantine.id) && !missed.contains(back.id))
        let reinstated = try await harness.services.audit.latest(limit: 10).first { $0.action == "order.reinstate" }
        #expect(reinstated?.subject == "order:\(back.id)" && reinstated?.details.contains(quarantine.id) == true)
    }

    /// A contact named after a negative PCR sampled on that contact's test day or later gets no quarantine: it would
    /// end at once, as it would have had the order come first. A later contact, whose test day is still to come, does.
    @Test(arguments: StorageBackend.allCases) func aNegativeAlreadyOnTheTestDayGivesNoQuarantine(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let setup = try await OrderReleaseTests.twoCasesAndAContact(harness)
        let metEarly = fixtures.day(harness, -1)
        harness.clock.advance(seconds: 5 * 86_400)
        _ = try await harness.services.results.submit(
            [try harness.item("Q-2", "850211236", "negative")], by: ServiceHarness.lab)
        let cases = harness.services.cases
        _ = try await cases.addContacts(
            [fixtures.name(setup.contact, metOn: metEarly)], caseID: setup.first.id, by: harness.operatorPrincipal)
        #expect(try await fixtures.activeOrders(of: setup.contact, harness).isEmpty)

        _ = try await cases.addContacts(
            [fixtures.name(setup.contact, metOn: fixtures.day(harness, -1))], caseID: setup.second.id,
            by: harness.operatorPrincipal)
        #expect(try await fixtures.activeOrders(of: setup.contact, harness).map(\.caseId) == [setup.second.id])
    }
}
