/// One written export file: a window's keys in a signed zip, with the ETag it is served under.
public struct ExportBatch: Sendable, Hashable {
    public let fileName: String
    public let region: String
    /// The window, unix seconds, `start..<end`.
    public let start: Int64
    public let end: Int64
    /// Real keys (new and revised) in the file; the rest is padding.
    public let keyCount: Int
    /// Every key in the file, padding included.
    public let fileKeyCount: Int
    /// Quoted, as the header carries it.
    public let etag: String
    public let zip: [UInt8]
}

/// A served export file's bytes and validator.
public struct ExportFile: Sendable, Hashable {
    public let contents: [UInt8]
    public let etag: String

    package init(contents: [UInt8], etag: String) {
        self.contents = contents
        self.etag = etag
    }
}
