import Testing

@testable import HealthServices

/// Writes that decide from a person's case and orders, run at once: on PostgreSQL each holds the person (and the case
/// it found) to its end, so they decide one after the other as on SQLite's single writer.
@Suite struct CaseRaceTests {
    /// One contact named by nine cases at once while a positive of their own opens a case: they end with one
    /// quarantine or none, and never a quarantine beside a case of their own.
    @Test(arguments: StorageBackend.allCases) func aContactNamedByManyCasesAtOnceGetsOneQuarantine(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let today = harness.clock.wallClock.now().civilDate
        let op = harness.operatorPrincipal
        var caseIDs: [String] = []
        for index in 0..<9 {
            let nationalID = String(850_211_240 + index)
            _ = try await harness.person(nationalID)
            caseIDs.append(
                try await harness.services.cases.open(nationalID: nationalID, onset: today.iso8601, by: op).0.id)
        }
        let contact = try await CaseServiceTests.personWithPhone(harness, "850211236")
        let cases = harness.services.cases
        let ids = caseIDs
        // Reads at once first, so the race runs on as many connections as the pool opens.
        _ = await raceOutcomes(10) { index in _ = try await cases.details(id: ids[index % ids.count]) }
        let outcomes = await raceOutcomes(10) { index in
            guard index < ids.count else {
                _ = try await cases.open(nationalID: "850211236", onset: today.iso8601, by: op)
                return
            }
            let named = CaseService.ContactInput(
                name: "Fatima Ali Hasan", phone: nil, nationalId: "850211236", lastContact: today.iso8601,
                setting: nil)
            _ = try await cases.addContacts([named], caseID: ids[index], by: op)
        }
        #expect(outcomes.allSatisfy { $0 == nil })
        let orders = try await harness.services.stores.records.read {
            try await $0.cases.orders(ofPeople: [contact.id])
        }
        let active = orders.filter { $0.state == .active }
        #expect(active.map(\.kind) == [.isolation], "\(orders.map { ($0.kind, $0.state, $0.releaseReason) })")
    }
}
