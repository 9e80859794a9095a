import Foundation
import Testing

@testable import HealthServices

/// A record read is one snapshot on both backends: an answer built from several reads (the health status reads a
/// person's results, doses and orders) never mixes the states before and after a write that commits between them.
@Suite struct RecordReadSnapshotTests {
    @Test(arguments: StorageBackend.allCases)
    func aWriteCommittedDuringAReadIsNotSeenByIt(backend: StorageBackend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(backend, sqliteStorage: .directory(directory.path))
        let person = try await harness.person("850211234")
        let positive = try harness.item("P-1", "850211234", "positive")

        // The read awaits a write between its statements, which a read otherwise never does: nothing else reads here.
        let (before, during) = try await harness.services.stores.records.read { transaction in
            let before = try await transaction.results.labResults(ofPeople: [person.id]).count
            let submitted = try await harness.services.results.submit([positive], by: ServiceHarness.lab)
            #expect(submitted.map(\.status) == [.created])
            return (before, try await transaction.results.labResults(ofPeople: [person.id]).count)
        }
        #expect(before == 0)
        #expect(during == 0, "the read's second statement saw a write committed after its first")
        let after = try await harness.services.stores.records.read {
            try await $0.results.labResults(ofPeople: [person.id]).count
        }
        #expect(after == 1)
    }
}
