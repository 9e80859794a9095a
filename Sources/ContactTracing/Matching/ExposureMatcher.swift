public import Foundation

/// Finds which observed sightings come from which diagnosis keys, on every core.
///
/// A sighting matches a key when the key derives the sighting's RPI for an interval within ±2 hours of the
/// sighting's time. Matches are decrypted (AEM → metadata) and grouped into ``ExposureWindow``s.
public struct ExposureMatcher: Sendable {
    /// Allowed distance between a sighting's time and the interval its RPI belongs to.
    public static let matchToleranceSeconds: Int64 = 2 * 60 * 60
    static let matchTolerance = matchToleranceSeconds

    public let sightings: [Sighting]
    let table: RPITable
    let sightingTimes: [Int64]

    /// Indexes `sightings` for matching.
    public init(sightings: [Sighting]) {
        self.sightings = sightings
        table = RPITable(sightings: sightings)
        sightingTimes = sightings.map(\.time)
    }

    /// Matches `keys` using `threads` concurrent tasks (default: one per core) and groups the result into windows.
    public func match(_ keys: [DiagnosisKey], threads: Int = ProcessInfo.processInfo.activeProcessorCount) async throws
        -> ExposureMatchResult
    {
        let hits = try await self.hits(DiagnosisKeyBatch(keys), threads: threads)
        var byKey: [Int: [MatchedSighting]] = [:]
        var aemks: [Int: [UInt8]] = [:]
        for hit in hits {
            let key = keys[hit.keyIndex]
            let aemk: [UInt8]
            if let cached = aemks[hit.keyIndex] {
                aemk = cached
            } else {
                aemk = try key.key.associatedEncryptedMetadataKey()
                aemks[hit.keyIndex] = aemk
            }
            let sighting = sightings[hit.sightingIndex]
            let metadata = try sighting.aem.decrypt(aemk: aemk, rpi: sighting.rpi)
            byKey[hit.keyIndex, default: []].append(
                MatchedSighting(
                    sighting: sighting, interval: ENIntervalNumber(rawValue: hit.interval), metadata: metadata))
        }
        let windows = byKey.keys.sorted().flatMap { ExposureWindow.windows(of: keys[$0], sightings: byKey[$0]!) }
        return ExposureMatchResult(
            windows: windows, matchedKeyCount: byKey.count, matchedSightingCount: Set(hits.map(\.sightingIndex)).count)
    }

    /// Raw RPI hits of `batch`, split into `threads` contiguous chunks scanned concurrently.
    func hits(_ batch: DiagnosisKeyBatch, threads: Int) async throws -> [RPIHit] {
        let taskCount = max(1, min(threads, batch.count))
        let chunk = (batch.count + taskCount - 1) / taskCount
        let table = self.table
        let times = sightingTimes
        return try await withThrowingTaskGroup(of: [RPIHit].self) { group in
            for task in 0..<taskCount {
                let range = min(task * chunk, batch.count)..<min((task + 1) * chunk, batch.count)
                group.addTask {
                    try Self.scan(batch, range: range, table: table, sightingTimes: times)
                }
            }
            var all: [RPIHit] = []
            for try await part in group { all += part }
            return all.sorted { ($0.keyIndex, $0.sightingIndex) < ($1.keyIndex, $1.sightingIndex) }
        }
    }
}

/// What matching found: the exposure windows and how many keys and sightings matched.
public struct ExposureMatchResult: Hashable, Sendable {
    public let windows: [ExposureWindow]
    public let matchedKeyCount: Int
    public let matchedSightingCount: Int
}
