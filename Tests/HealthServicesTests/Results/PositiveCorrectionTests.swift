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

        harness.clock.advance(seconds: 3600)
        let corrected = try await results.submit(
            [try harness.item("P-1", "900112345", "positive", hoursAgo: 3)], by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected])
        #expect(try await results.results(for: citizen, personID: nil).first?.verificationCode?.code == code.code)
        _ = try await harness.services.exposureVerification.consume(
            code: code.code, at: harness.clock.wallClock.now())

        harness.clock.advance(seconds: 3600)
        _ = try await results.submit(
            [try harness.item("P-1", "900112345", "positive", hoursAgo: 4)], by: ServiceHarness.lab)
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
    /// day makes the person a case to isolate, as the right day would have.
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
        #expect(states.contains("isolating"))
        #expect(
            try await harness.storage.texts(
                "SELECT state FROM orders WHERE person_id = $1 AND kind = 'isolation'", person.id) == ["active"])
    }
}
