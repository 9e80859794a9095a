import ContactTracing
import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

/// A `health.sqlite` from before migration 11 keeps its codes in clear and their uses to the second: migrating
/// rounds the uses, keeps a live retry window's exact end beside its tag, and sealing replaces each code by its hash.
@Suite struct CodeSealingMigrationTests {
    @Test func codesInClearAreSealedAndStillWork() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = try SQLiteDatabase(
            .file(path: directory.appendingPathComponent(HealthStorage.healthFileName).path),
            migrations: Array(SQLiteHealthSchema.migrations.prefix(10)))
        try await old.groupedWrite { connection in
            try connection.execute(
                """
                INSERT INTO exposure_verification_codes (code, test_type, test_date, created_at, expires_at)
                VALUES ('0123456789', 'confirmed', '2026-02-28', '2026-03-01T05:00:00Z', '2026-03-02T05:00:00Z');
                INSERT INTO exposure_verification_codes
                    (code, test_type, test_date, created_at, expires_at, consumed_at, retry_tag)
                VALUES ('9876543210', 'likely', '2026-02-28', '2026-03-01T05:00:00Z', '2026-03-02T05:00:00Z',
                    '2026-03-01T05:50:07Z', zeroblob(16));
                """)
        }
        await old.close()

        let clock = ManualClock("2026-03-01T06:00:00Z")
        let storage = try HealthStorage(.directory(directory.path))
        let services = HealthServiceSet(
            stores: HealthStores(sqlite: storage),
            authority: try CertificateAuthority.load(.memory, identity: .init(), now: clock.date),
            exposureKeys: try ExposureKeys.load(.directory(directory.path)), clock: clock.wallClock)
        let read = { (sql: String) in
            try await storage.health.read { connection in
                try connection.query(sql) { try $0.get(0, as: String?.self) }
            }
        }
        #expect(
            try await read("SELECT consumed_at || ' ' || retry_until FROM exposure_verification_codes WHERE id = 2")
                == ["2026-03-01T05:00:00Z 2026-03-01T06:05:07Z"])

        #expect(try await services.exposureVerification.sealCodesLeftInClear() == 2)
        #expect(try await services.exposureVerification.sealCodesLeftInClear() == 0)
        #expect(try await read("SELECT CAST(count(code) AS text) FROM exposure_verification_codes") == ["0"])
        let use = try await services.exposureVerification.consume(code: "0123456789", at: clock.wallClock.now())
        #expect(!use.isRetry && use.diagnosis.testType == .confirmed)
        let retry = try await services.exposureVerification.consume(code: "9876543210", at: clock.wallClock.now())
        #expect(retry.isRetry && retry.retryTag == [UInt8](repeating: 0, count: 16))
        await storage.close()
    }
}
