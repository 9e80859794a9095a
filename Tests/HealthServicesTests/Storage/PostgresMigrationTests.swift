import Foundation
import HealthPostgres
import HealthServices
import Testing

/// The health database's migration history on PostgreSQL, as on SQLite (`SQLiteDatabaseTests`): a migration missing
/// below the last one recorded is refused before anything runs.
@Suite struct PostgresMigrationTests {
    @Test func aMigrationHistoryWithAGapIsRefusedAndLeftAsItIs() async throws {
        let database = try await PostgresTestDatabase()
        let versions = "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations"
        _ = try await database.texts("DELETE FROM schema_migrations WHERE version = 3 RETURNING name", [])
        let before = try await database.texts(versions, [])

        let refusal = await #expect(throws: StoreError.self) { try await database.storage.migrate() }
        #expect(refusal?.message.contains("records migration 4 where migration 3 should be") == true)
        #expect(try await database.texts(versions, []) == before)
        #expect(before.first??.hasPrefix("1,2,4,") == true)
    }
}
