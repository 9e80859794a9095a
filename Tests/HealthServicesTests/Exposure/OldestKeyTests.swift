import Testing

@testable import HealthServices

/// A key accepted at the edge of the retention window (14 to 15 days old, as the reference server accepts) is
/// exported once before it is deleted: an export run in its publish's own window (another server starting, say)
/// deleted it first, though the publish had counted it.
@Suite struct OldestKeyTests {
    @Test(arguments: StorageBackend.allCases) func aKeyAcceptedAtTheRetentionEdgeIsExportedBeforeItGoes(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        // Another region's cursor, left behind long ago (a region changed, say), holds back no deletion here.
        try await fixture.harness.storage.execute(
            in: .exposure, "INSERT INTO export_cursors (region, through_at) VALUES ('999', 0)")
        let receipt = try await fixture.publish(TestPhone(days: 15...15, now: fixture.now))
        #expect(receipt.insertedExposures == 1)
        let exports = fixture.harness.services.exposureExports
        let early = try await exports.run(at: fixture.harness.clock.wallClock.now())
        #expect(early.keysExported == 0)
        #expect(try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM exposure_keys") == 1)

        fixture.harness.clock.advance(seconds: 3600)
        let later = try await exports.run(at: fixture.harness.clock.wallClock.now())
        #expect(later.keysExported == 1)
        #expect(try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM exposure_keys") == 0)
    }
}
