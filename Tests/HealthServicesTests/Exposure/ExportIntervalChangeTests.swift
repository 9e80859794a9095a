import ContactTracing
import CryptoCore
import Testing

@testable import HealthServices

/// `--export-interval` changed between runs: the export goes on from its cursor on the new interval, with no key
/// exported twice or left behind, and none published before its embargo ends.
@Suite struct ExportIntervalChangeTests {
    /// A key of `period` intervals from `start`, published at `now` on export windows of `window` seconds.
    static func publication(_ fill: UInt8, start: UInt32, period: UInt32, now: Timestamp, window: Int64) throws
        -> KeyPublication
    {
        let key = try DiagnosisKey(
            key: TemporaryExposureKey(keyData: Array(repeating: fill, count: 16)),
            rollingStartIntervalNumber: ENIntervalNumber(rawValue: start), rollingPeriod: Int(period),
            transmissionRiskLevel: 4, reportType: .confirmedTest, daysSinceOnsetOfSymptoms: 1)
        return KeyPublication(
            certificateHash: SecureRandom.bytes(count: 32), certificateExpiresAt: now, revisionTokenHash: nil,
            newRevisionTokenHash: SecureRandom.bytes(count: 32), keys: [key], publishedAt: now.roundedDown(to: window))
    }

    /// The export job of the harness's store and keys, on windows of `interval` seconds.
    static func exports(_ harness: ServiceHarness, every interval: Int64) -> ExposureExportService {
        let hourly = harness.services.exposureExports
        var configuration = hourly.configuration
        configuration.exportIntervalSeconds = interval
        return ExposureExportService(
            store: hourly.store, keys: hourly.keys, configuration: configuration, mirrorDirectory: nil)
    }

    /// Hourly windows exported through 07:00, then two-hour ones: the next file starts at the cursor, not at 06:00,
    /// whose first hour went out already.
    @Test(arguments: StorageBackend.allCases) func aLongerIntervalGoesOnFromTheCursor(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let store = harness.storage.stores.exposure
        let now = harness.clock.wallClock.now()
        let twoDaysAgo = UInt32(now.secondsSinceEpoch / 86_400) * 144 - 288
        _ = try await store.publish(Self.publication(1, start: twoDaysAgo, period: 144, now: now, window: 3600))
        let hourly = try await Self.exports(harness, every: 3600).run(at: now.adding(seconds: 3600))
        #expect(hourly.keysExported == 1 && hourly.coveredUntil == now.secondsSinceEpoch + 3600)

        _ = try await store.publish(Self.publication(2, start: twoDaysAgo, period: 144, now: now, window: 3600))
        let twoHourly = try await Self.exports(harness, every: 7200).run(at: now.adding(seconds: 3 * 3600))
        let cursor = now.secondsSinceEpoch + 3600
        #expect(twoHourly.keysExported == 1)
        #expect(twoHourly.batchesWritten == ["426-\(cursor)-\(cursor + 3600)-00001.zip"])
    }

    /// A key of today whose embargo ends at 18:00, published while windows were a day long, then hourly windows:
    /// it waits for its embargo, not for the start of the day its window began.
    @Test(arguments: StorageBackend.allCases) func aShorterIntervalKeepsTheEmbargo(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let store = harness.storage.stores.exposure
        let now = harness.clock.wallClock.now()
        let midnight = now.secondsSinceEpoch / 86_400 * 86_400
        let today = UInt32(midnight / 600)
        _ = try await store.publish(Self.publication(3, start: today, period: 96, now: now, window: 86_400))
        let hourly = Self.exports(harness, every: 3600)
        let morning = try await hourly.run(at: Timestamp(secondsSinceEpoch: midnight + 10 * 3600))
        #expect(morning.keysExported == 0)
        let evening = try await hourly.run(at: Timestamp(secondsSinceEpoch: midnight + 19 * 3600))
        #expect(evening.keysExported == 1)
        #expect(evening.batchesWritten == ["426-\(midnight + 18 * 3600)-\(midnight + 19 * 3600)-00001.zip"])
    }
}
