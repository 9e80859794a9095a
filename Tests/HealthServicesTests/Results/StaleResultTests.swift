import Testing

@testable import HealthServices

/// A lab's submission older than the result recorded (a retry of an earlier batch arriving late, an old file imported
/// again) is refused: it would close the case, end the isolation and revoke the certificates a later report gave. One
/// that only reports the result at a later time keeps its certificates.
@Suite struct StaleResultTests {
    @Test(arguments: StorageBackend.allCases) func aLatePendingOrEarlierReportUndoesNoPositive(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        let results = harness.services.results
        let pending = try harness.item("S-1", "900112345", "pending")
        _ = try await results.submit([pending], by: ServiceHarness.lab)
        harness.clock.advance(seconds: 3600)
        let earlierNegative = try harness.item("S-1", "900112345", "negative", hoursAgo: 3)
        harness.clock.advance(seconds: 3600)
        let positive = try await results.submit(
            [try harness.item("S-1", "900112345", "positive", hoursAgo: 4)], by: ServiceHarness.lab)
        #expect(positive.map(\.status) == [.corrected])

        for late in [pending, earlierNegative] {
            let outcome = try await results.submit([late], by: ServiceHarness.lab)
            #expect(outcome.map(\.status) == [.rejected] && outcome.first?.error?.code == "stale-result")
        }
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", citizen.personID ?? "")
                == ["isolating"])
        #expect(try await results.results(for: citizen, personID: nil).map(\.result.state) == [.positive])

        // A withdrawal is reported as such: invalid, resulted later.
        harness.clock.advance(seconds: 60)
        let withdrawn = try await results.submit(
            [try harness.item("S-1", "900112345", "invalid", hoursAgo: 4)], by: ServiceHarness.lab)
        #expect(withdrawn.map(\.status) == [.corrected])
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", citizen.personID ?? "")
                == ["closed"])
    }

    @Test(arguments: StorageBackend.allCases) func aResultSentAgainAtALaterTimeKeepsItsCertificate(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        let first = try await results.submit([try harness.item("T-1", "850211234", "negative")], by: ServiceHarness.lab)
        let certificateID = try #require(first.first?.certificateId)
        harness.clock.advance(seconds: 3600)
        // The same sample time, reported an hour later.
        let again = try await results.submit(
            [try harness.item("T-1", "850211234", "negative", hoursAgo: 3)], by: ServiceHarness.lab)
        #expect(again.map(\.status) == [.corrected] && again.first?.certificateId == nil)
        let listed = try await results.results(for: harness.operatorPrincipal, personID: person.id)
        #expect(listed.map(\.result.version) == [2])
        let certificates = try await harness.services.certificates.certificates(
            for: harness.operatorPrincipal, personID: person.id)
        #expect(certificates.map(\.id) == [certificateID] && certificates.allSatisfy { !$0.isRevoked })
    }
}
