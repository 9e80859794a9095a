import Testing

@testable import HealthServices

/// A quarantine a negative PCR ended early is back in force when that negative is corrected away, while it has days
/// left: the person was told it had ended on a test that no longer says so.
@Suite struct QuarantineCorrectionTests {
    @Test(arguments: StorageBackend.allCases) func aCorrectedNegativeGivesTheQuarantineBack(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let fixtures = OrderReleaseTests()
        let setup = try await OrderReleaseTests.twoCasesAndAContact(harness)
        _ = try await harness.services.cases.addContacts(
            [fixtures.name(setup.contact, metOn: fixtures.day(harness, -3))], caseID: setup.first.id,
            by: harness.operatorPrincipal)
        let quarantine = try #require(try await fixtures.activeOrders(of: setup.contact, harness).first)
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

    /// A contact named after a negative PCR sampled on that contact's test day or later gets no quarantine: it would
    /// end at once, as it would have had the order come first. A later contact, whose test day is still to come, does.
    @Test(arguments: StorageBackend.allCases) func aNegativeAlreadyOnTheTestDayGivesNoQuarantine(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let fixtures = OrderReleaseTests()
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
