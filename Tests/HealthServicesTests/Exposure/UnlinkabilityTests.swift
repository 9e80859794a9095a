import Foundation
import Testing

@testable import HealthServices

/// A reader of both databases cannot join an upload to a person more precisely than the hour (issue 21).
@Suite struct UnlinkabilityTests {
    /// Every column of the key server's tables, by what it holds. A column added without being listed here fails
    /// the test: whoever adds one says why it cannot link.
    static let exposureColumns: [String: ColumnKind] = [
        "verification_tokens.token_hash": .random, "verification_tokens.retry_tag": .erasedAfterRetryWindow,
        "verification_tokens.retry_until": .erasedAfterRetryWindow, "verification_tokens.test_type": .diagnosis,
        "verification_tokens.symptom_onset_interval": .diagnosis, "verification_tokens.expires_at": .hour,
        "verification_tokens.used_at": .hour, "used_certificates.certificate_hash": .random,
        "used_certificates.expires_at": .hour,
        "used_certificates.upload_id": .counter,
        "used_certificates.inserted_count": .counter, "uploads.id": .counter, "uploads.revision_token_hash": .random,
        "uploads.published_on": .day, "exposure_keys.key_data": .random, "exposure_keys.upload_id": .counter,
        "exposure_keys.rolling_start": .diagnosis, "exposure_keys.rolling_period": .diagnosis,
        "exposure_keys.transmission_risk": .diagnosis, "exposure_keys.report_type": .diagnosis,
        "exposure_keys.days_since_onset": .diagnosis, "exposure_keys.available_at": .keyAvailability,
        "exposure_keys.revised": .diagnosis, "export_batches.file_name": .exportWindow,
        "export_batches.region": .setting, "export_batches.start_at": .exportWindow,
        "export_batches.end_at": .exportWindow, "export_batches.key_count": .counter,
        "export_batches.file_key_count": .counter, "export_batches.etag": .exportWindow,
        "export_batches.zip": .exportWindow, "export_batches.written_at": .exportJobClock,
        "export_cursors.region": .setting, "export_cursors.through_at": .exportWindow, "daily_counts.day": .day,
        "daily_counts.metric": .setting, "daily_counts.count": .counter,
    ]

    /// What a column of the key server's database holds, and so why it joins nothing finer than the hour.
    enum ColumnKind {
        /// Drawn at random, or a hash of a secret only the phone holds: equal to nothing in the health database.
        case random
        /// An instant on an hour boundary.
        case hour
        /// A UTC day.
        case day
        /// A multiple of the export window (an hour here), or a batch file made of such windows' keys.
        case exportWindow
        /// When a key may be exported: a multiple of the export window, or the key's own embargo end (two hours
        /// after its rolling period), which its other columns give.
        case keyAvailability
        /// The time the export job ran: the server's schedule, not anyone's upload.
        case exportJobClock
        /// What the certificate says of the diagnosis (test type, onset day) or the phone of its keys.
        case diagnosis
        /// A count or a sequence number of uploads; configuration.
        case counter, setting
        /// Kept only for the retry window, while the retry tag links the rows anyway; empty after it.
        case erasedAfterRetryWindow
    }

    @Test(arguments: StorageBackend.allCases) func fiftyUploadsJoinNoPersonMoreNarrowlyThanTheHour(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let harness = fixture.harness
        var codes: [String] = []
        // Two minutes a person, from 06:00: 30 use their code between 06:00 and 07:00, 20 after.
        for person in 0..<50 {
            let nationalID = String(900_100_000 + person)
            let citizen = try await harness.citizen(nationalID, phone: "+9733610\(1000 + person)")
            harness.clock.advance(seconds: 61)
            _ = try await harness.services.results.submit(
                [try harness.item("U-\(person)", nationalID, "positive")], by: ServiceHarness.lab)
            let code = try #require(
                try await harness.services.results.results(for: citizen, personID: nil).first?.verificationCode)
            codes.append(code.code)
            harness.clock.advance(seconds: 31)
            let token = try await fixture.uploads.verify(code: code.code).token
            harness.clock.advance(seconds: 17)
            let phone = TestPhone(days: 1...3, now: fixture.now)
            let certificate = try await fixture.uploads.certificate(token: token, ekeyhmac: phone.hmac).certificate
            harness.clock.advance(seconds: 11)
            let body = phone.publishBody(certificate: certificate)
            _ = try await fixture.uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))
        }
        // The health database's half of each link goes with the window, the key server's a few minutes later.
        harness.clock.advance(seconds: VerificationCodeUse.retryWindowSeconds + RetentionService.tokenTagGraceSeconds)
        _ = try await harness.services.retention.run()
        let storage = harness.storage

        // The key server's database: every column is listed, and every instant is an hour or an export window.
        let listed = Set(Self.exposureColumns.keys)
        let tables = Set(listed.map(Self.table))
        let present = try await storage.columns(in: .exposure).filter {
            backend == .sqlite ? !$0.hasPrefix("schema_migrations.") : tables.contains(Self.table($0))
        }
        #expect(Set(present) == listed)
        for (column, kind) in Self.exposureColumns {
            let (table, name) = (Self.table(column), column.split(separator: ".")[1])
            switch kind {
            case .hour,
                .exportWindow where name.hasSuffix("_at"):
                let seconds = kind == .hour ? storage.epoch(String(name)) : String(name)
                let values = try await storage.texts(in: .exposure, "SELECT CAST(\(seconds) AS text) FROM \(table)")
                #expect(values.allSatisfy { $0.flatMap(Int64.init).map { $0 % 3600 == 0 } ?? true }, "\(column)")
            case .keyAvailability:
                let rows = try await storage.texts(
                    in: .exposure,
                    """
                    SELECT CAST(\(name) AS text) || ' ' || CAST((rolling_start + rolling_period) * 600 + 7200 AS text)
                    FROM \(table)
                    """)
                for row in rows {
                    let times = try #require(row?.split(separator: " ").compactMap { Int64($0) })
                    #expect(times.count == 2 && (times[0] % 3600 == 0 || times[0] == times[1]), "\(column)")
                }
            case .erasedAfterRetryWindow:
                #expect(try await storage.count(in: .exposure, "SELECT count(\(name)) FROM \(table)") == 0, "\(column)")
            default: break
            }
        }
        #expect(try await storage.count(in: .exposure, "SELECT count(used_at) FROM verification_tokens") == 50)
        #expect(try await storage.count(in: .exposure, "SELECT count(*) FROM used_certificates") == 50)
        #expect(try await storage.count(in: .exposure, "SELECT count(*) FROM exposure_keys") == 150)

        // The health database: no code in clear anywhere, no sealed copy of a used code, uses only to the hour.
        for column in try await storage.columns(in: .health) where !tables.contains(Self.table(column)) {
            let (table, name) = (Self.table(column), column.split(separator: ".")[1])
            let values = try await storage.texts(#"SELECT CAST("\#(name)" AS text) FROM \#(table)"#)
            #expect(!values.contains { value in codes.contains { value?.contains($0) == true } }, "\(column)")
        }
        #expect(
            try await storage.count(
                "SELECT count(code) + count(code_sealed) + count(retry_tag) + count(retry_until) FROM exposure_verification_codes"
            ) == 0)
        let uses = try await storage.texts(
            "SELECT CAST(\(storage.epoch("consumed_at")) AS text) FROM exposure_verification_codes"
        ).compactMap { $0.flatMap(Int64.init) }
        #expect(uses.count == 50 && uses.allSatisfy { $0 % 3600 == 0 })

        // The best join left: a token's expiry less a day is its code's hour of use, which many people share.
        let expiries = try await storage.texts(
            in: .exposure, "SELECT CAST(\(storage.epoch("expires_at")) AS text) FROM verification_tokens"
        ).compactMap { $0.flatMap(Int64.init) }
        #expect(expiries.count == 50)
        for expiry in expiries {
            #expect(uses.filter { $0 == expiry - 86_400 }.count >= 20)
        }
    }

    /// The table of a `table.column` name.
    static func table(_ column: String) -> String {
        String(column.prefix { $0 != "." })
    }
}
