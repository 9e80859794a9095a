import PostgresNIO
import Testing

@testable import HealthServices

/// Two servers' export runs at once on one PostgreSQL database: the one that loses the race for a window goes on
/// from where the other left the cursor, rather than failing and skipping its deletions and mirror until the next
/// window; each window is written once.
@Suite struct ExportRaceTests {
    @Test func theRunThatLosesAWindowGoesOn() async throws {
        let fixture = try await KeyServerFixture(.postgres)
        let database = try fixture.harness.storage.postgres
        let exports = fixture.harness.services.exposureExports
        let now = fixture.harness.clock.wallClock.now()
        _ = try await exports.run(at: now)
        _ = try await fixture.publish(TestPhone(days: 2...2, now: fixture.now))
        let later = now.adding(seconds: 4 * 3600)

        let runs = try await database.holding("SELECT 1 FROM export_cursors FOR UPDATE") {
            let runs = (Task { try await exports.run(at: later) }, Task { try await exports.run(at: later) })
            let queued = try await database.waitUntilWaiting(2)
            #expect(queued, "both runs wait to move the cursor")
            return runs
        }
        let summaries = [try await runs.0.value, try await runs.1.value]
        #expect(summaries.map(\.keysExported).reduce(0, +) == 1)
        #expect(summaries.allSatisfy { $0.coveredUntil == later.secondsSinceEpoch.floorDivided(by: 3600) * 3600 })
        #expect(try await fixture.harness.storage.stores.exposure.batchFileNames(region: "426").count == 1)
    }
}
