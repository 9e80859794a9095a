public import ContactTracing

/// One accepted publish, ready to store: the certificate that allowed it (by hash, to refuse its reuse), the
/// upload it adds to, and the keys with their diagnosis from the certificate.
public struct KeyPublication: Sendable {
    public let certificateHash: [UInt8]
    public let certificateExpiresAt: Timestamp
    /// The hash of the revision token the phone sent, to add to its earlier upload; nil for a new upload.
    public let revisionTokenHash: [UInt8]?
    /// The hash of the revision token this publish answers with; replaces the one sent.
    public let newRevisionTokenHash: [UInt8]
    public let keys: [DiagnosisKey]
    /// The start of the export window the publish came in: all the exposure database keeps of its time.
    public let publishedAt: Timestamp
    /// The length of an export window.
    public let exportWindowSeconds: Int64

    /// When `key` becomes available for export (unix seconds): the start of the export window in which its
    /// rolling period ends (its embargo) or in which it was published, whichever is later. A window's file is
    /// written once the window has ended, so after both, exactly as the key's own time would place it.
    public func availableAt(_ key: DiagnosisKey) -> Int64 {
        let rollingEnd = Timestamp(secondsSinceEpoch: Int64(key.rollingEnd) * ENIntervalNumber.secondsPerInterval)
        return max(rollingEnd.roundedDown(to: exportWindowSeconds), publishedAt).secondsSinceEpoch
    }
}

/// What a publish stored.
public struct PublicationOutcome: Sendable, Hashable {
    /// Keys new to the server or revised with a longer rolling period.
    public let insertedCount: Int

    package init(insertedCount: Int) {
        self.insertedCount = insertedCount
    }
}
