import Testing

@testable import HealthServices

/// Which positives a case rests on: the one that opened it and those recorded or corrected to positive while it was
/// open, never one that was already positive before it opened.
@Suite struct CasePositivesTests {
    @Test(arguments: StorageBackend.allCases) func aPositiveOfAnEarlierCaseTouchedLaterDoesNotHoldANewCase(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("P-0", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)
        let first = try #require(try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        _ = try await harness.services.cases.close(caseID: first.id, by: harness.operatorPrincipal)
        harness.clock.advance(seconds: 3600)
        _ = try await results.submit([try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        // The lab sends P-0 again with another report time: still positive, and from before the new case.
        harness.clock.advance(seconds: 3600)
        let resent = try await results.submit(
            [try harness.item("P-0", "850211234", "positive", hoursAgo: 32)], by: ServiceHarness.lab)
        #expect(resent.map(\.status) == [.corrected])
        // P-1 withdrawn, nothing holds the new case: it closes and its isolation is released.
        _ = try await results.submit(
            [try harness.item("P-1", "850211234", "negative", hoursAgo: 1)], by: ServiceHarness.lab)
        let states = try await harness.storage.texts(
            "SELECT state FROM cases WHERE person_id = $1 ORDER BY opened_at", person.id)
        #expect(states == ["closed", "closed"])
        let orders = try await harness.storage.texts(
            "SELECT state FROM orders WHERE person_id = $1 ORDER BY created_at", person.id)
        #expect(orders == ["released", "released"])
    }
}
