import CryptoCore
import Foundation

/// Writes the signed zip of one export batch: the keys that became available in a time window, padded with
/// fake keys to a minimum count, sorted, signed with the export keys (key export file format).
public struct ExportBatchWriter: Sendable {
    public let region: String
    public let minimumKeyCount: Int
    /// Each key signs the file (more than one during a key rollover).
    public let signers: [ExportSigner]

    public init(region: String, minimumKeyCount: Int, signers: [ExportSigner]) {
        self.region = region
        self.minimumKeyCount = minimumKeyCount
        self.signers = signers
    }

    /// The signed export of `keys` and `revisedKeys` for the window `start..<end` (unix seconds), with fake keys
    /// added until the file holds at least ``minimumKeyCount`` keys.
    public func write(keys: [DiagnosisKey], revisedKeys: [DiagnosisKey] = [], start: UInt64, end: UInt64) throws
        -> SignedExport
    {
        let fallbackEnd = try ENIntervalNumber(unixSeconds: Int64(end))
        let padded = try ExportPadding.padded(
            keys, toAtLeast: minimumKeyCount - revisedKeys.count, fallbackEnd: fallbackEnd)
        let export = KeyExport(
            startTimestamp: start, endTimestamp: end, region: region, keys: padded, revisedKeys: revisedKeys)
        return try SignedExport.sign(export, with: signers)
    }
}
