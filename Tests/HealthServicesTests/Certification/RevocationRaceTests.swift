import PostgresNIO
import Testing

@testable import HealthServices

/// A revocation waits for a write holding the certificate's holder (a lab batch correcting the result, a Latin name
/// reissuing it), on PostgreSQL, where writes run side by side; SQLite runs them one after another. So it reads the
/// certificate that write left: never one it is replacing, which would leave its replacement valid.
@Suite struct RevocationRaceTests {
    @Test func aRevocationWaitsForAWriteHoldingTheHolder() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await harness.person("850211234")
        let outcome = try await harness.services.results.submit(
            [try harness.item("R-1", "850211234", "negative")], by: ServiceHarness.lab)
        let id = try #require(outcome.first?.certificateId)
        let certificates = harness.services.certificates

        let revocation = try await database.holding(
            "UPDATE people SET given_name_latin = 'FATIMA' WHERE id = \(person.id)"
        ) {
            let revocation = Task {
                try await certificates.revoke(id: id, reason: "issued in error", by: harness.operatorPrincipal)
            }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the revocation waits for the write holding the holder")
            return revocation
        }
        #expect(try await revocation.value.isRevoked)
    }
}
