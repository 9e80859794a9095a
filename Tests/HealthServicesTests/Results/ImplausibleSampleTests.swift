import Testing

@testable import HealthServices

/// A sample dated before 2020 or before the person was born is a year typed wrong: refused, so a positive does not
/// open a case already over (no isolation, no code, no certificate) while the lab is told all is well.
@Suite struct ImplausibleSampleTests {
    @Test(arguments: StorageBackend.allCases) func aSampleBefore2020OrBeforeBirthIsRefused(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let adult = try await harness.person("850211234")
        _ = try await harness.person("240511237", born: "2024-05-11")
        let results = harness.services.results
        let tenYears: Int64 = 10 * 365 * 24
        let outcomes = try await results.submit(
            [
                try harness.item("Y-1", "850211234", "positive", hoursAgo: tenYears),
                try harness.item("Y-2", "240511237", "negative", hoursAgo: 2 * 365 * 24),
                try harness.item("Y-3", "240511237", "negative", hoursAgo: 300 * 24),
            ], by: ServiceHarness.lab)
        #expect(outcomes.map(\.status) == [.rejected, .rejected, .created])
        #expect(outcomes.compactMap(\.error?.code) == ["implausible-sample-date", "implausible-sample-date"])
        #expect(try await harness.storage.texts("SELECT id FROM cases WHERE person_id = $1", adult.id).isEmpty)
    }
}
