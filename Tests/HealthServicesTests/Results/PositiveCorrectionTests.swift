import Testing

@testable import HealthServices

/// A positive the lab sends again still positive (a new result time, a device added) is the same positive: the
/// person's code and case stay as they are, and neither is given again.
@Suite struct PositiveCorrectionTests {
    @Test(arguments: StorageBackend.allCases) func aPositiveCorrectedToPositiveKeepsItsCodeAndGivesNoSecond(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        let results = harness.services.results
        let first = try await results.submit([try harness.item("P-1", "900112345", "positive")], by: ServiceHarness.lab)
        let resultID = try #require(first.first?.resultId)
        let code = try #require(try await results.results(for: citizen, personID: nil).first?.verificationCode)

        // Sampled a minute earlier: a correction, not only a later report.
        harness.clock.advance(seconds: 3660)
        let corrected = try await results.submit(
            [try harness.item("P-1", "900112345", "positive", hoursAgo: 3)], by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected])
        #expect(try await results.results(for: citizen, personID: nil).first?.verificationCode?.code == code.code)
        _ = try await harness.services.exposureVerification.consume(
            code: code.code, at: harness.clock.wallClock.now())

        harness.clock.advance(seconds: 3660)
        let again = try await results.submit(
            [try harness.item("P-1", "900112345", "positive", hoursAgo: 4)], by: ServiceHarness.lab)
        #expect(again.map(\.status) == [.corrected])
        #expect(try await results.results(for: citizen, personID: nil).first?.verificationCode == nil)
        #expect(
            try await harness.storage.texts(
                "SELECT CAST(count(*) AS text) FROM exposure_verification_codes WHERE result_id = $1", resultID)
                == ["1"])
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", citizen.personID ?? "")
                == ["isolating"])
    }

    @Test(arguments: StorageBackend.allCases) func aPositiveCorrectedAfterItsCaseIsOverOpensNoSecondCase(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("L-1", "850211234", "positive", hoursAgo: 12 * 24)], by: ServiceHarness.lab)
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", person.id)
                == ["recovered"])

        harness.clock.advance(seconds: 3600)
        let corrected = try await results.submit(
            [try harness.item("L-1", "850211234", "positive", hoursAgo: 12 * 24 + 1)], by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected])
        // Redated to another day whose isolation would be over as well: the same infection, still one case.
        let redated = try await results.submit(
            [try harness.item("L-1", "850211234", "positive", hoursAgo: 14 * 24)], by: ServiceHarness.lab)
        #expect(redated.map(\.status) == [.corrected])
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", person.id)
                == ["recovered"])
        #expect(try await harness.services.audit.latest(limit: 10).filter { $0.action == "case.open" }.count == 1)
    }

    /// A positive first sent with a sample day long past opens a case already over; the lab's correction to a recent
    /// day makes the person a case to isolate, as the right day would have: that case, isolating again, not a second
    /// one counting the infection twice.
    @Test(arguments: StorageBackend.allCases) func aPositiveRedatedToARecentDayIsolatesThePerson(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("L-1", "850211234", "positive", hoursAgo: 12 * 24)], by: ServiceHarness.lab)
        _ = try await results.submit(
            [try harness.item("L-1", "850211234", "positive", hoursAgo: 2)], by: ServiceHarness.lab)
        let states = try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", person.id)
        #expect(states == ["isolating"])
        #expect(try await harness.services.audit.latest(limit: 10).contains { $0.action == "case.reopen" })
        #expect(
            try await harness.storage.texts(
                "SELECT state FROM orders WHERE person_id = $1 AND kind = 'isolation'", person.id) == ["active"])
    }

    /// A positive withdrawn after its case recovered: the case is closed and the quarantine of the contact it named
    /// ends, and a later positive opens a case of its own, to isolate, instead of joining an infection that never was.
    @Test(arguments: StorageBackend.allCases) func aPositiveWithdrawnAfterItsCaseRecoveredClosesTheCase(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let contact = try await CaseServiceTests.personWithPhone(harness, "850211236")
        let results = harness.services.results
        _ = try await results.submit([try harness.item("W-1", "850211234", "positive")], by: ServiceHarness.lab)
        let caseID = try #require(
            try await harness.storage.texts("SELECT id FROM cases WHERE person_id = $1", person.id).first ?? nil)
        harness.clock.advance(seconds: 5 * 86_400)
        _ = try await harness.services.cases.addContacts(
            [
                .init(
                    name: "Fatima Ali Hasan", phone: nil, nationalId: contact.nationalId,
                    lastContact: harness.clock.wallClock.now().civilDate.iso8601, setting: nil)
            ], caseID: caseID, by: harness.operatorPrincipal)
        harness.clock.advance(seconds: 6 * 86_400)
        _ = try await harness.services.orders.releaseDueOrders()
        #expect(try await harness.storage.texts("SELECT state FROM cases WHERE id = $1", caseID) == ["recovered"])
        let recoveredAt = try await harness.storage.texts(
            "SELECT CAST(closed_at AS text) FROM cases WHERE id = $1", caseID)

        _ = try await results.submit(
            [try harness.item("W-1", "850211234", "negative", hoursAgo: 11 * 24 + 2)], by: ServiceHarness.lab)
        #expect(try await harness.storage.texts("SELECT state FROM cases WHERE id = $1", caseID) == ["closed"])
        // Closed, it keeps the day it recovered.
        #expect(
            try await harness.storage.texts("SELECT CAST(closed_at AS text) FROM cases WHERE id = $1", caseID)
                == recoveredAt)
        let quarantines = try await harness.storage.texts(
            "SELECT state FROM orders WHERE person_id = $1 AND kind = 'quarantine'", contact.id)
        #expect(quarantines == ["released"])

        _ = try await results.submit(
            [try harness.item("W-2", "850211234", "positive", hoursAgo: 3 * 24)], by: ServiceHarness.lab)
        let isolations = try await harness.storage.texts(
            "SELECT state FROM orders WHERE person_id = $1 AND kind = 'isolation' ORDER BY start_date", person.id)
        #expect(isolations == ["released", "active"])
    }
}
