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

    /// Races a run rides out, in which no other run moved the cursor on, before it fails (see ``run(at:)``).
    static let maximumRaces = 3

    /// Covers every window that has ended by `now` since the last run (at most the 14 retained days), then
    /// deletes what is older than 14 days. Windows without keys are skipped in one step.
    ///
    /// Another server's run covering a window first, or a publish committing into a window after its batch was
    /// read, is a race (``ExposureStoreError/exportRaced``): the run reads the cursor again and goes on from there,
    /// the window read afresh when the other run did not cover it, so that every server still deletes and
    /// mirrors. Only a run raced more than ``maximumRaces`` times on a cursor no other run moved fails.
    public func run(at now: Timestamp) async throws -> Summary {
        let interval = configuration.exportIntervalSeconds
        let retainedSince = now.secondsSinceEpoch - ExposureConfiguration.retentionSeconds
        let retainedStart = retainedSince.floorDivided(by: interval) * interval
        let coveredUntil = now.secondsSinceEpoch.floorDivided(by: interval) * interval
        var cursor = try await store.exportCursor(region: configuration.region)
        var summary = Summary()
        var races = 0
        while cursor ?? Int64.min < coveredUntil {
            let start = max(cursor ?? Int64.min, retainedStart)
            // The next window with keys, on today's interval (one the cursor entered, under an interval since
            // lengthened, starts at the cursor: what is before it was exported already); else the rest of the span,
            // which has none, in one step.
            var end = coveredUntil
            var batch: ExportBatch?
            if let next = try await store.nextAvailableTime(from: start), next < coveredUntil {
                end = next.floorDivided(by: interval) * interval + interval
                batch = try await self.batch(from: max(start, end - interval), to: end)
            }
            do {
                try await store.recordExportWindow(
                    region: configuration.region, previous: cursor, start: start, end: end, batch: batch, at: now)
            } catch ExposureStoreError.exportRaced where races < Self.maximumRaces {
                let moved = try await store.exportCursor(region: configuration.region)
                // Another run moving the cursor on is progress; only a window lost without it counts.
                if moved == cursor { races += 1 }
                cursor = moved
                continue
            }
            if let batch {
                summary.batchesWritten.append(batch.fileName)
                summary.keysExported += batch.keyCount
            }
            cursor = end
        }
        summary.coveredUntil = coveredUntil
        // An expired token is kept a day, so its late use is told `expired-verification-token`, not `invalid`.
        summary.batchesDeleted = try await store.deleteExpired(
            keysEndingBefore: retainedSince, keysExportedBefore: cursor ?? 0, batchesEndingBefore: retainedSince,
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
