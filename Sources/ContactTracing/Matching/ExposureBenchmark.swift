import CryptoCore
public import Foundation

/// The `healthctl bench exposure` workload: random diagnosis keys against random observed RPIs, some of them
/// planted (derived from the keys), timing the scan and checking that every planted match is found.
public struct ExposureBenchmark: Sendable {
    /// What one run measured.
    public struct Result: Hashable, Sendable {
        public let keys: Int
        public let sightings: Int
        public let threads: Int
        public let planted: Int
        public let matches: Int
        public let seconds: Double
        public var keysPerSecond: Double { Double(keys) / seconds }
        /// Whether every planted sighting was matched to its key.
        public let foundAllPlanted: Bool
        /// CPU seconds the process used during the scan, over all threads.
        public let cpuSeconds: Double
        public var keysPerCPUSecond: Double { Double(keys) / max(cpuSeconds, 1e-9) }
        /// One thread deriving RPIs and nothing else (``ExposureBenchmark/derivationKeysPerCPUSecond()``).
        public let derivationKeysPerCPUSecond: Double
        /// One thread's AES alone, 144 blocks per key (``ExposureBenchmark/aesKeysPerCPUSecond()``).
        public let aesKeysPerCPUSecond: Double
    }

    let batch: DiagnosisKeyBatch
    let matcher: ExposureMatcher
    /// Planted (key index, sighting index) pairs.
    let planted: Set<[Int]>

    /// Generates `keyCount` full-day keys over the last 14 days and `sightingCount` sightings of which
    /// `plantedCount` carry an RPI of one of the keys.
    public init(keyCount: Int, sightingCount: Int, plantedCount: Int, now: Date = Date()) throws {
        guard keyCount > 0, sightingCount > 0, (0...min(keyCount, sightingCount)).contains(plantedCount) else {
            throw ContactTracingError(.invalidConfiguration, "need keys > 0, sightings > 0 and planted <= both")
        }
        let today = try ENIntervalNumber(date: now).dayStart.rawValue
        let keyData = [UInt8](SecureRandom.bytes(count: keyCount * 16))
        let starts = (0..<keyCount).map { today - UInt32($0 % 14) * ENIntervalNumber.intervalsPerDay }
        batch = DiagnosisKeyBatch(
            keyData: keyData, rollingStarts: starts, rollingPeriods: [UInt8](repeating: 144, count: keyCount))
        var sightings: [Sighting] = []
        sightings.reserveCapacity(sightingCount)
        var planted: Set<[Int]> = []
        let stride = keyCount / max(plantedCount, 1)
        for index in 0..<plantedCount {
            let keyIndex = index * stride
            let key = try TemporaryExposureKey(keyData: Array(keyData[keyIndex * 16..<keyIndex * 16 + 16]))
            let interval = ENIntervalNumber(rawValue: starts[keyIndex] + UInt32(index % 144))
            let derivation = try ExposureKeyDerivation(
                key: key, interval: interval, metadata: BluetoothMetadata(transmitPower: -10))
            sightings.append(
                try Sighting(rpi: derivation.rpi, aem: derivation.aem, time: interval.unixSeconds + 60, rssi: -70))
            planted.insert([keyIndex, index])
        }
        let noise = [UInt8](SecureRandom.bytes(count: (sightingCount - plantedCount) * 16))
        let noiseTime = Int64(today) * ENIntervalNumber.secondsPerInterval
        for index in 0..<(sightingCount - plantedCount) {
            sightings.append(
                try Sighting(
                    rpi: RollingProximityIdentifier(bytes: Array(noise[index * 16..<index * 16 + 16])),
                    aem: AssociatedEncryptedMetadata(bytes: [0, 0, 0, 0]), time: noiseTime, rssi: -80))
        }
        matcher = ExposureMatcher(sightings: sightings)
        self.planted = planted
    }

    /// Times one scan of all keys with `threads` concurrent tasks, then the limits it is read against.
    public func run(threads: Int) async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = CPUClock.processNanoseconds()
        let hits = try await matcher.hits(batch, threads: threads)
        let elapsed = start.duration(to: clock.now)
        let cpuSeconds = Double(CPUClock.processNanoseconds() - cpuStart) / 1_000_000_000
        let found = Set(hits.map { [$0.keyIndex, $0.sightingIndex] })
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Result(
            keys: batch.count, sightings: matcher.sightings.count, threads: threads, planted: planted.count,
            matches: hits.count, seconds: seconds, foundAllPlanted: planted.isSubset(of: found), cpuSeconds: cpuSeconds,
            derivationKeysPerCPUSecond: try derivationKeysPerCPUSecond(), aesKeysPerCPUSecond: try aesKeysPerCPUSecond()
        )
    }
}
