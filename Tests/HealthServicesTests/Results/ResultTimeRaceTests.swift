import PostgresNIO
import Testing

@testable import HealthServices

/// The time a lab batch records with is read once the batch holds its people: one that waited for another write of
/// the same person (on PostgreSQL) records after it, never with the earlier time it arrived at. (SQLite runs writes
/// one after another, each reading the time when it starts.)
@Suite struct ResultTimeRaceTests {
    @Test func aBatchThatWaitedForThePersonRecordsTheTimeItGotThem() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await harness.person("850211234")
        let results = harness.services.results
        let arrived = harness.clock.wallClock.now()

        let batch = try await database.holding("SELECT 1 FROM people WHERE id = \(person.id) FOR UPDATE") {
            let batch = Task {
                try await results.submit([try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
            }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the batch waits for the person")
            harness.clock.advance(seconds: 60)
            return batch
        }
        #expect(try await batch.value.map(\.status) == [.created])
        let stored = try #require(
            try await harness.services.stores.records.read { try await $0.results.labResults(ofPeople: [person.id]) }
                .first)
        #expect(stored.createdAt == arrived.adding(seconds: 60))
    }
}
