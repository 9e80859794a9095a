import ContactTracing
import CryptoCore
import Foundation

/// The export job: turns the keys that became available in each ended window into a signed, padded batch file,
/// keeps `index.txt`, applies the 14-day retention, and mirrors the files under `DATA/exports/` for a CDN.
/// The database is the record: a file write that fails is made good by the next run's mirror sync.
public struct ExposureExportService: Sendable {
    let store: any ExposureStore
    let keys: ExposureKeys
    package let configuration: ExposureConfiguration
    /// `DATA/exports`, or nil for in-memory storage.
    let mirrorDirectory: URL?

    /// The index file's name, as served and mirrored.
    public static let indexFileName = "index.txt"

    /// What one run did.
    public struct Summary: Sendable, Hashable, Codable {
        /// Every window ending by this time (unix seconds) is now covered.
        public var coveredUntil: Int64 = 0
        /// Batch files written, oldest first.
        public var batchesWritten: [String] = []
        /// Real keys in those files.
        public var keysExported = 0
        /// Batch files deleted by retention.
        public var batchesDeleted: [String] = []
    }

    /// Covers every window that has ended by `now` since the last run (at most the 14 retained days), then
    /// deletes what is older than 14 days. Windows without keys are skipped in one step.
    public func run(at now: Timestamp) async throws -> Summary {
        let interval = configuration.exportIntervalSeconds
        let retainedSince = now.secondsSinceEpoch - ExposureConfiguration.retentionSeconds
        let coveredUntil = now.secondsSinceEpoch.floorDivided(by: interval) * interval
        var cursor = try await store.exportCursor(region: configuration.region)
        var start = max(cursor ?? Int64.min, retainedSince.floorDivided(by: interval) * interval)
        var summary = Summary()
        while start < coveredUntil,
            let next = try await store.nextAvailableTime(from: start), next < coveredUntil
        {
            // The window on today's interval; one the cursor entered, under an interval since lengthened, starts
            // at the cursor: what is before it was exported already.
            let windowEnd = next.floorDivided(by: interval) * interval + interval
            let batch = try await batch(from: max(start, windowEnd - interval), to: windowEnd)
            try await store.recordExportWindow(
                region: configuration.region, previous: cursor, start: start, end: windowEnd, batch: batch, at: now)
            if let batch {
                summary.batchesWritten.append(batch.fileName)
                summary.keysExported += batch.keyCount
            }
            cursor = windowEnd
            start = windowEnd
        }
        if cursor ?? Int64.min < coveredUntil {
            try await store.recordExportWindow(
                region: configuration.region, previous: cursor, start: start, end: coveredUntil, batch: nil, at: now)
        }
        summary.coveredUntil = coveredUntil
        // An expired token is kept a day, so its late use is told `expired-verification-token`, not `invalid`.
        summary.batchesDeleted = try await store.deleteExpired(
            keysEndingBefore: retainedSince, batchesEndingBefore: retainedSince,
            tokensExpiredBy: now.adding(days: -1), at: now)
        if let mirrorDirectory {
            try await ExportMirror(directory: mirrorDirectory, region: configuration.region).sync(with: self)
        }
        return summary
    }

    /// The signed batch of the keys available in `start..<end`, nil when there are none.
    func batch(from start: Int64, to end: Int64) async throws -> ExportBatch? {
        let available = try await store.keys(availableFrom: start, to: end)
        guard !available.keys.isEmpty || !available.revised.isEmpty else { return nil }
        let writer = ExportBatchWriter(
            region: configuration.region, minimumKeyCount: configuration.minimumExportKeys,
            signers: keys.current.exportSigners(region: configuration.region))
        let signed = try writer.write(
            keys: available.keys, revisedKeys: available.revised, start: UInt64(start), end: UInt64(end))
        let zip = [UInt8](try signed.zipData())
        return ExportBatch(
            fileName: "\(configuration.region)-\(start)-\(end)-00001.zip", region: configuration.region, start: start,
            end: end, keyCount: available.keys.count + available.revised.count,
            fileKeyCount: signed.export.keys.count + signed.export.revisedKeys.count, etag: Self.etag(zip), zip: zip)
    }

    /// `index.txt`: one batch file name a line, oldest first, newest last.
    public func index() async throws -> ExportFile {
        let names = try await store.batchFileNames(region: configuration.region)
        let contents = Array(names.map { $0 + "\n" }.joined().utf8)
        return ExportFile(contents: contents, etag: Self.etag(contents))
    }

    /// A batch file by name.
    public func file(named name: String) async throws -> ExportFile? {
        try await store.exportFile(named: name)
    }

    /// A strong ETag: the quoted hex of the first 128 bits of the contents' SHA-256.
    static func etag(_ contents: [UInt8]) -> String {
        "\"" + Hex.encode(Array(SHA256.hash(contents).prefix(16))) + "\""
    }
}
