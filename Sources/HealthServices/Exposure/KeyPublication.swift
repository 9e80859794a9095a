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
    public let publishedAt: Timestamp
}

/// What a publish stored.
public struct PublicationOutcome: Sendable, Hashable {
    /// Keys new to the server or revised with a longer rolling period.
    public let insertedCount: Int

    package init(insertedCount: Int) {
        self.insertedCount = insertedCount
    }
}
