import Foundation
import PostgresNIO
import Testing

@testable import HealthPostgres
@testable import HealthSQLite
@testable import HealthServices

/// Each backend hands the services its driver's failures as one coded ``StoreError``, so the HTTP edge and the CLI
/// read only that: a statement the database refuses is a storage failure naming the database and what it reported.
@Suite struct StoreErrorMappingTests {
    @Test func aRefusedStatementOnPostgreSQLIsAStorageFailureWithItsSQLState() async throws {
        let database = try await PostgresTestDatabase()
        let error = await #expect(throws: StoreError.self) {
            try await database.storage.health.read { session in try await session.run("SELECT * FROM no_such_table") }
        }
        #expect(error?.code == .failed)
        #expect(error?.message.contains("SQLSTATE 42P01") == true)  // undefined_table
        let write = await #expect(throws: StoreError.self) {
            try await database.storage.health.write { session in try await session.run("SELECT 1 / 0") }
        }
        #expect(write?.code == .failed)
        #expect(write?.message.contains("SQLSTATE 22012") == true)  // division_by_zero
    }

    @Test func aDatabaseSQLiteCannotOpenIsAStorageFailureNamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(repeating: 0x2A, count: 4096).write(to: directory.appendingPathComponent(HealthStorage.healthFileName))
        let error = #expect(throws: StoreError.self) { _ = try HealthStorage(.directory(directory.path)) }
        #expect(error?.code == .failed)
        #expect(error?.database == HealthStorage.healthFileName)
        #expect(error?.message.contains("SQLite error 26") == true)  // SQLITE_NOTADB
    }
}
