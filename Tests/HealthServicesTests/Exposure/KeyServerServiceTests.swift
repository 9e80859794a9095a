import ContactTracing
import CryptoCore
import Foundation
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// The services on one backend, with the key server helpers the tests share.
struct KeyServerFixture {
    let harness: ServiceHarness
    var uploads: ExposureUploadService { harness.services.exposureUploads }
    var now: Date { Date(timeIntervalSince1970: TimeInterval(harness.clock.wallClock.now().secondsSinceEpoch)) }

    init(_ backend: StorageBackend) async throws {
        harness = try await ServiceHarness(backend)
    }

    init(harness: ServiceHarness) {
        self.harness = harness
    }

    func certificate(for phone: TestPhone, symptomDate: String? = nil) async throws -> String {
        let code = try await harness.services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: symptomDate, by: harness.operatorPrincipal)
        let token = try await uploads.verify(code: code.code).token
        return try await uploads.certificate(token: token, ekeyhmac: phone.hmac).certificate
    }

    func publish(_ phone: TestPhone, revisionToken: String? = nil) async throws -> PublishReceipt {
        let body = phone.publishBody(certificate: try await certificate(for: phone), revisionToken: revisionToken)
        return try await uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))
    }
}

/// The key server's rules on the services with a clock moved by hand: expiry of tokens and certificates,
/// revisions, embargo, retention and statistics.
@Suite struct KeyServerServiceTests {
    @Test(arguments: StorageBackend.allCases) func tokensLastADayAndCertificatesAQuarterOfAnHour(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let code = try await fixture.harness.services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: "2026-02-26", by: fixture.harness.operatorPrincipal)
        let grant = try await fixture.uploads.verify(code: code.code)
        #expect(grant.testType == "confirmed" && grant.symptomDate == "2026-02-26")
        fixture.harness.clock.advance(seconds: 86_400)
        // The export job's retention runs at every window's end: an expired token is still told apart.
        _ = try await fixture.harness.services.exposureExports.run(at: fixture.harness.clock.wallClock.now())
        let expiredToken = await #expect(throws: ServiceError.self) {
            try await fixture.uploads.certificate(token: grant.token, ekeyhmac: TestPhone(days: 1...1).hmac)
        }
        #expect(expiredToken?.code == .expiredVerificationToken)

        let phone = TestPhone(days: 1...3, now: fixture.now)
        let body = phone.publishBody(certificate: try await fixture.certificate(for: phone))
        fixture.harness.clock.advance(seconds: 15 * 60)
        let expired = await #expect(throws: ServiceError.self) {
            try await fixture.uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))
        }
        #expect(expired?.code == .certificateExpired)

        let tooOld = await #expect(throws: ServiceError.self) {
            try await fixture.harness.services.exposureVerification.issue(
                testDate: "2026-02-01", symptomDate: nil, by: fixture.harness.operatorPrincipal)
        }
        #expect(tooOld?.code == .invalidTestDate)
    }

    /// The code is used in the health database and the token stored in the key server's: when the second write
    /// fails, the code is open again, so the phone's retry works once the key server's database is back.
    @Test(arguments: StorageBackend.allCases) func aCodeWhoseTokenCouldNotBeStoredCanBeUsedAgain(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let code = try await fixture.harness.services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: nil, by: fixture.harness.operatorPrincipal)
        try await fixture.harness.storage.refuseVerificationTokens()
        await #expect(throws: (any Error).self) { try await fixture.uploads.verify(code: code.code) }
        let open = try await fixture.harness.storage.count(
            """
            SELECT count(*) FROM exposure_verification_codes
            WHERE code_hash IS NOT NULL AND consumed_at IS NULL AND retry_tag IS NULL AND retry_until IS NULL
            """)
        #expect(open == 1)
        let refused = try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM verification_tokens")
        #expect(refused == 0)

        try await fixture.harness.storage.acceptVerificationTokens()
        let grant = try await fixture.uploads.verify(code: code.code)
        #expect(grant.testType == "confirmed")
        let stored = try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM verification_tokens")
        #expect(stored == 1)
        fixture.harness.clock.advance(seconds: VerificationCodeUse.retryWindowSeconds)
        await #expect(throws: ServiceError.self) { try await fixture.uploads.verify(code: code.code) }
    }

    @Test(arguments: StorageBackend.allCases) func aRevisionAddsKeysAndOnlyLengthensItsOwnKeys(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        var phone = TestPhone(days: 2...3, now: fixture.now)
        phone.keys[1].period = 100
        let first = try await fixture.publish(phone)
        #expect(first.insertedExposures == 2)
        // Exported, so the lengthened key goes out again as revised.
        let exports = fixture.harness.services.exposureExports
        #expect(
            try await exports.run(at: fixture.harness.clock.wallClock.now().adding(seconds: 3 * 3600)).keysExported == 2
        )

        var revision = phone
        revision.keys[1].period = 144
        revision.keys.append(TestPhone(days: 1...1, now: fixture.now).keys[0])
        let second = try await fixture.publish(revision, revisionToken: first.revisionToken)
        #expect(second.insertedExposures == 2)
        let stale = await #expect(throws: ServiceError.self) {
            try await fixture.publish(revision, revisionToken: first.revisionToken)
        }
        #expect(stale?.code == .invalidRevisionToken)
        let stolen = await #expect(throws: ServiceError.self) { try await fixture.publish(revision) }
        #expect(stolen?.code == .keyAlreadyPublished)

        let rows = try await fixture.harness.storage.texts(
            in: .exposure,
            """
            SELECT CAST(rolling_period AS text) || ',' || CAST(CASE WHEN revised THEN 1 ELSE 0 END AS text) || ','
                || CAST(report_type AS text)
            FROM exposure_keys ORDER BY rolling_start
            """)
        #expect(rows == ["144,0,1", "144,1,1", "144,0,1"])
    }

    /// A publish from a server whose clock is behind the export (or whose commit came late) is placed after the
    /// windows already written, never in one of them where no run would find it; and a window whose keys changed
    /// after its batch was read is not recorded (the next run writes it whole).
    @Test(arguments: StorageBackend.allCases) func aKeyPublishedBehindTheExportIsStillExported(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let exports = fixture.harness.services.exposureExports
        let now = fixture.harness.clock.wallClock.now()
        let ahead = try await exports.run(at: now.adding(seconds: 3 * 3600))
        #expect(ahead.keysExported == 0)
        _ = try await fixture.publish(TestPhone(days: 2...2, now: fixture.now))
        let next = try await exports.run(at: now.adding(seconds: 4 * 3600))
        #expect(next.keysExported == 1)

        _ = try await fixture.publish(TestPhone(days: 3...3, now: fixture.now))
        let cursor = try #require(try await fixture.harness.storage.stores.exposure.exportCursor(region: "426"))
        let stale = await #expect(throws: ExposureStoreError.self) {
            try await fixture.harness.storage.stores.exposure.recordExportWindow(
                region: "426", previous: cursor, start: cursor, end: cursor + 3600, batch: nil, at: now)
        }
        #expect(stale == .exportRaced)
    }

    /// A likely case's key re-published after a positive test becomes a confirmed one, with the new days since onset;
    /// a confirmed key may not go back to likely (the reference server's only report type revisions).
    @Test(arguments: StorageBackend.allCases) func aLikelyKeyRevisedToConfirmedIsStoredSo(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        let store = fixture.harness.storage.stores.exposure
        let start = ENIntervalNumber(rawValue: UInt32(fixture.now.timeIntervalSince1970 / 86_400) * 144 - 288)
        func publication(_ type: ReportType, onset: Int, revising token: Int?, as next: Int) throws -> KeyPublication {
            let key = try DiagnosisKey(
                key: TemporaryExposureKey(keyData: Array(repeating: 9, count: 16)), rollingStartIntervalNumber: start,
                rollingPeriod: 144, transmissionRiskLevel: 4, reportType: type, daysSinceOnsetOfSymptoms: onset)
            return KeyPublication(
                certificateHash: SecureRandom.bytes(count: 32),
                certificateExpiresAt: fixture.harness.clock.wallClock.now(),
                revisionTokenHash: token.map { Array(repeating: UInt8($0), count: 32) },
                newRevisionTokenHash: Array(repeating: UInt8(next), count: 32), keys: [key],
                publishedAt: fixture.harness.clock.wallClock.now().roundedDown(to: 3600))
        }
        #expect(
            try await store.publish(publication(.confirmedClinicalDiagnosis, onset: 1, revising: nil, as: 1))
                .insertedCount == 1)
        #expect(try await store.publish(publication(.confirmedTest, onset: 3, revising: 1, as: 2)).insertedCount == 1)
        let rows = try await fixture.harness.storage.texts(
            in: .exposure,
            """
            SELECT CAST(report_type AS text) || ',' || CAST(days_since_onset AS text) || ','
                || CAST(CASE WHEN revised THEN 1 ELSE 0 END AS text)
            FROM exposure_keys
            """)
        #expect(rows == ["1,3,0"])
        let back = await #expect(throws: ExposureStoreError.self) {
            try await store.publish(publication(.confirmedClinicalDiagnosis, onset: 1, revising: 2, as: 3))
        }
        #expect(back == .invalidReportTypeTransition)
    }

    /// A key lengthened before it was ever exported goes out once, as a first release in `keys` (`revised_keys` is
    /// for keys phones already hold).
    @Test(arguments: StorageBackend.allCases) func aKeyRevisedBeforeItsFirstExportIsReleasedOnce(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        var phone = TestPhone(days: 2...2, now: fixture.now)
        phone.keys[0].period = 100
        let first = try await fixture.publish(phone)
        phone.keys[0].period = 144
        _ = try await fixture.publish(phone, revisionToken: first.revisionToken)
        let exports = fixture.harness.services.exposureExports
        let run = try await exports.run(at: fixture.harness.clock.wallClock.now().adding(seconds: 3 * 3600))
        let name = try #require(run.batchesWritten.first)
        let export = try SignedExport(zipData: Data(try #require(try await exports.file(named: name)).contents)).export
        #expect(export.keys.filter { $0.key.keyData == phone.keys[0].data }.map(\.rollingPeriod) == [144])
        #expect(export.revisedKeys.isEmpty)
    }

    /// A key phones hold, revised twice before the next export (the first revision moved it past the export's
    /// cursor), still goes out in `revisedKeys`, not as a first release.
    @Test(arguments: StorageBackend.allCases) func aKeyRevisedTwiceAfterItsExportStaysRevised(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        var phone = TestPhone(days: 2...2, now: fixture.now)
        phone.keys[0].period = 100
        var receipt = try await fixture.publish(phone)
        let exports = fixture.harness.services.exposureExports
        let now = fixture.harness.clock.wallClock.now()
        #expect(try await exports.run(at: now.adding(seconds: 3 * 3600)).keysExported == 1)
        for period in [120, 144] {
            phone.keys[0].period = period
            receipt = try await fixture.publish(phone, revisionToken: receipt.revisionToken)
        }
        let published = try await fixture.harness.services.exposureStatistics.dailyCounts().map(\.keysPublished)
        #expect(published.reduce(0, +) == 1, "one key, however often revised")

        let run = try await exports.run(at: now.adding(seconds: 27 * 3600))
        var released: [Int] = []
        var revised: [Int] = []
        for name in run.batchesWritten {
            let export = try SignedExport(zipData: Data(try #require(try await exports.file(named: name)).contents))
                .export
            released += export.keys.filter { $0.key.keyData == phone.keys[0].data }.map(\.rollingPeriod)
            revised += export.revisedKeys.filter { $0.key.keyData == phone.keys[0].data }.map(\.rollingPeriod)
        }
        #expect(released.isEmpty && revised == [144])
    }

    /// A key is exported two hours after its rolling period ends at the earliest (phones accept a sighting two hours
    /// from its interval), and leaves with its batch after 14 days.
    @Test(arguments: StorageBackend.allCases) func keysWaitTwoHoursAfterTheirPeriodAndLeaveAfterFourteenDays(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let today = UInt32(fixture.now.timeIntervalSince1970 / 86_400) * 144
        var phone = TestPhone(days: 1...1, now: fixture.now)
        phone.keys.append(TestPhone.Key(data: Array(repeating: 7, count: 16), start: today, period: 144))
        _ = try await fixture.publish(phone)
        let exports = fixture.harness.services.exposureExports
        // Yesterday's key ended by now: it is out within three hours.
        let early = try await exports.run(at: fixture.harness.clock.wallClock.now().adding(seconds: 3 * 3600))
        try #require(early.keysExported == 1 && early.batchesWritten.count == 1)

        let midnight = Timestamp(secondsSinceEpoch: Int64(today + 144) * 600)
        let embargoed = try await exports.run(at: midnight.adding(seconds: 2 * 3600))
        #expect(embargoed.keysExported == 0 && embargoed.batchesWritten.isEmpty)
        let tomorrow = midnight.adding(seconds: 3 * 3600)
        let later = try await exports.run(at: tomorrow)
        try #require(later.keysExported == 1 && later.batchesWritten.count == 1)
        #expect(later.batchesWritten.first?.contains("-\(midnight.secondsSinceEpoch + 2 * 3600)-") == true)
        let index = String(decoding: try await exports.index().contents, as: UTF8.self)
        #expect(index == early.batchesWritten[0] + "\n" + later.batchesWritten[0] + "\n")
        let newest = try #require(try await exports.file(named: later.batchesWritten[0]))
        let keys = try SignedExport(zipData: Data(newest.contents)).export.keys
        #expect(keys.count == 1_000 && keys.contains { $0.key.keyData == Array(repeating: 7, count: 16) })

        let gone = try await exports.run(at: tomorrow.adding(seconds: 15 * 86_400))
        #expect(Set(gone.batchesDeleted) == Set(early.batchesWritten + later.batchesWritten))
        #expect(try await exports.index().contents.isEmpty)
        let left = try await fixture.harness.storage.count(
            in: .exposure, "SELECT (SELECT count(*) FROM exposure_keys) + (SELECT count(*) FROM uploads)")
        #expect(left == 0)
    }

    @Test(arguments: StorageBackend.allCases) func statisticsCountEachDayAndHideSmallCounts(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        _ = try await fixture.publish(TestPhone(days: 1...12, now: fixture.now))
        let days = try await fixture.harness.services.exposureStatistics.dailyCounts()
        let day = try #require(days.first { $0.day == "2026-03-01" })
        #expect(day.codesIssued == 1 && day.codesUsed == 1 && day.publishes == 1 && day.keysPublished == 12)
        #expect(ExposureStatisticsService.shown(day.codesIssued) == "<10")
        #expect(ExposureStatisticsService.shown(day.keysPublished) == "12")
    }
}
