public import ContactTracing

/// One accepted publish, ready to store: the certificate that allowed it (by hash, to refuse its reuse), the
/// upload it adds to, and the keys with their diagnosis from the certificate.
public struct KeyPublication: Sendable {
    public let certificateHash: [UInt8]
    public let certificateExpiresAt: Timestamp
    /// The hash of the revision token the phone sent, to add to its earlier upload; nil for a new upload.
    public let revisionTokenHash: [UInt8]?
    /// The hash of the revision token this publish answers with (``ExposureSecret/revisionToken(certificateHash:hmacSecret:)``);
    /// replaces the one sent.
    public let newRevisionTokenHash: [UInt8]
    public let keys: [DiagnosisKey]
    /// The start of the export window the publish came in: all the exposure database keeps of its time.
    public let publishedAt: Timestamp

    /// How long after its rolling period ends a key stays unpublished: phones accept a sighting up to two hours
    /// from its interval, so a key released sooner could be replayed as a live broadcast (the reference server's
    /// embargo is at least as long).
    public static let embargoSeconds: Int64 = 2 * 3600

    /// When `key` becomes available for export (unix seconds): the latest of the end of its embargo, the start of
    /// the export window in which it was published, and `exportedThrough` (the export cursor read in the publish's
    /// transaction), so no key lands in a window already written. A window's file is written once the window has
    /// ended, so after all three, whatever the export interval is then: the embargo's own end is kept, not the
    /// window it fell in, so a shorter interval set later cannot publish a key before its embargo is over.
    public func availableAt(_ key: DiagnosisKey, exportedThrough: Int64) -> Int64 {
        let rollingEnd = Int64(key.rollingEnd) * ENIntervalNumber.secondsPerInterval
        return max(rollingEnd + Self.embargoSeconds, publishedAt.secondsSinceEpoch, exportedThrough)
    }
}

/// What publishing one key did to the stored keys.
package enum KeyStoring: Sendable, Hashable {
    /// Stored a key new to the server.
    case inserted
    /// Revised the upload's own key (``KeyRevision``).
    case revised
    /// Found the upload's own key as it was.
    case unchanged
}

/// What a publish stored.
public struct PublicationOutcome: Sendable, Hashable {
    /// Keys new to the server or revised with a longer rolling period: the answer's `insertedExposures`.
    public let insertedCount: Int
    /// Keys new to the server: what the statistics count as published, once each however often revised.
    package let newKeyCount: Int

    package init(_ storings: [KeyStoring]) {
        insertedCount = storings.filter { $0 != .unchanged }.count
        newKeyCount = storings.filter { $0 == .inserted }.count
    }

    /// A resend of a publish already stored, answered with the earlier answer's count; it stores no key again.
    package init(resendOf insertedCount: Int) {
        self.insertedCount = insertedCount
        newKeyCount = 0
    }
}
