import ContactTracing
import Foundation
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// The key server's rules on the services with a clock moved by hand: expiry of tokens and certificates,
/// revisions, embargo, retention and statistics.
@Suite struct KeyServerServiceTests {
    let harness: ServiceHarness
    var uploads: ExposureUploadService { harness.services.exposureUploads }
    var now: Date { Date(timeIntervalSince1970: TimeInterval(harness.clock.wallClock.now().secondsSinceEpoch)) }

    init() throws {
        harness = try ServiceHarness()
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

    @Test func tokensLastADayAndCertificatesAQuarterOfAnHour() async throws {
        let code = try await harness.services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: "2026-02-26", by: harness.operatorPrincipal)
        let grant = try await uploads.verify(code: code.code)
        #expect(grant.testType == "confirmed" && grant.symptomDate == "2026-02-26")
        harness.clock.advance(seconds: 86_400)
        let expiredToken = await #expect(throws: ServiceError.self) {
            try await uploads.certificate(token: grant.token, ekeyhmac: TestPhone(days: 1...1).hmac)
        }
        #expect(expiredToken?.code == .invalidVerificationToken)

        let phone = TestPhone(days: 1...3, now: now)
        let body = phone.publishBody(certificate: try await certificate(for: phone))
        harness.clock.advance(seconds: 15 * 60)
        let expired = await #expect(throws: ServiceError.self) {
            try await uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))
        }
        #expect(expired?.code == .certificateExpired)

        let tooOld = await #expect(throws: ServiceError.self) {
            try await harness.services.exposureVerification.issue(
                testDate: "2026-02-01", symptomDate: nil, by: harness.operatorPrincipal)
        }
        #expect(tooOld?.code == .invalidTestDate)
    }

    @Test func aRevisionAddsKeysAndOnlyLengthensItsOwnKeys() async throws {
        var phone = TestPhone(days: 2...3, now: now)
        phone.keys[1].period = 100
        let first = try await publish(phone)
        #expect(first.insertedExposures == 2)

        var revision = phone
        revision.keys[1].period = 144
        revision.keys.append(TestPhone(days: 1...1, now: now).keys[0])
        let second = try await publish(revision, revisionToken: first.revisionToken)
        #expect(second.insertedExposures == 2)
        let stale = await #expect(throws: ServiceError.self) {
            try await publish(revision, revisionToken: first.revisionToken)
        }
        #expect(stale?.code == .invalidRevisionToken)
        let stolen = await #expect(throws: ServiceError.self) { try await publish(revision) }
        #expect(stolen?.code == .keyAlreadyPublished)

        let rows = try await harness.storage.exposure.read { connection in
            try connection.query(
                "SELECT rolling_period, revised, report_type FROM exposure_keys ORDER BY rolling_start"
            ) {
                [try $0.get(0, as: Int.self), try $0.get(1, as: Int.self), try $0.get(2, as: Int.self)]
            }
        }
        #expect(rows == [[144, 0, 1], [144, 1, 1], [144, 0, 1]])
    }

    @Test func keysWaitForTheirPeriodToEndAndLeaveAfterFourteenDays() async throws {
        let today = UInt32(now.timeIntervalSince1970 / 86_400) * 144
        var phone = TestPhone(days: 1...1, now: now)
        phone.keys.append(TestPhone.Key(data: Array(repeating: 7, count: 16), start: today, period: 144))
        _ = try await publish(phone)
        let exports = harness.services.exposureExports
        let early = try await exports.run(at: harness.clock.wallClock.now().adding(seconds: 3600))
        #expect(early.keysExported == 1 && early.batchesWritten.count == 1)

        let tomorrow = Timestamp(secondsSinceEpoch: Int64(today + 144) * 600 + 3600)
        let later = try await exports.run(at: tomorrow)
        #expect(later.keysExported == 1 && later.batchesWritten.count == 1)
        let index = String(decoding: try await exports.index().contents, as: UTF8.self)
        #expect(index == early.batchesWritten[0] + "\n" + later.batchesWritten[0] + "\n")
        let newest = try #require(try await exports.file(named: later.batchesWritten[0]))
        let keys = try SignedExport(zipData: Data(newest.contents)).export.keys
        #expect(keys.count == 1_000 && keys.contains { $0.key.keyData == Array(repeating: 7, count: 16) })

        let gone = try await exports.run(at: tomorrow.adding(seconds: 15 * 86_400))
        #expect(Set(gone.batchesDeleted) == Set(early.batchesWritten + later.batchesWritten))
        #expect(try await exports.index().contents.isEmpty)
        let left = try await harness.storage.exposure.read { connection in
            try connection.queryFirst("SELECT (SELECT count(*) FROM exposure_keys) + (SELECT count(*) FROM uploads)") {
                try $0.get(0, as: Int.self)
            }
        }
        #expect(left == 0)
    }

    @Test func statisticsCountEachDayAndHideSmallCounts() async throws {
        _ = try await publish(TestPhone(days: 1...12, now: now))
        let days = try await harness.services.exposureStatistics.dailyCounts()
        let day = try #require(days.first { $0.day == "2026-03-01" })
        #expect(day.codesIssued == 1 && day.codesUsed == 1 && day.publishes == 1 && day.keysPublished == 12)
        #expect(ExposureStatisticsService.shown(day.codesIssued) == "<10")
        #expect(ExposureStatisticsService.shown(day.keysPublished) == "12")
    }
}
