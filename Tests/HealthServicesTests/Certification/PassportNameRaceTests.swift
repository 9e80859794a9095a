import PostgresNIO
import Testing

@testable import HealthServices

/// Two updates of one person's Latin forms at once, each giving one form, keep both (on PostgreSQL, where they run
/// side by side; SQLite runs writes one after another): the one that waits reads the person once the other is done.
@Suite struct PassportNameRaceTests {
    @Test func anUpdateGivingOneFormKeepsTheOtherFormWrittenMeanwhile() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await harness.person("850211234")
        let names = harness.services.passportNames

        let update = try await database.holding(
            "UPDATE people SET given_name_latin = 'AHMED' WHERE id = \(person.id)"
        ) {
            let update = Task {
                try await names.setLatinName(
                    nationalId: "850211234", familyNameLatin: "AL<KHALIFA", givenNameLatin: nil,
                    by: harness.operatorPrincipal)
            }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the update waits for the other")
            return update
        }
        _ = try await update.value
        let stored = try await harness.storage.texts(
            "SELECT family_name_latin || ' ' || given_name_latin FROM people WHERE id = $1", person.id)
        #expect(stored == ["AL<KHALIFA AHMED"])
    }
}
