/// A value that reads and writes itself as ISO 8601 text, in JSON and in SQLite alike.
///
/// Conforming gives JSON coding as a string through `iso8601`; SQLite stores that text, PostgreSQL its own
/// `timestamptz` or `date`.
public protocol ISO8601TextRepresentable: Codable, Sendable {
    /// Parses the ISO 8601 text of a value; nil for anything else, which JSON decoding reports as corrupt data.
    init?(iso8601 text: String)
    /// Parses the UTF-8 bytes of the same text, so database columns are read without a `String` in between.
    init?(iso8601UTF8 bytes: UnsafeBufferPointer<UInt8>)
    /// The canonical text: what JSON holds and SQLite stores. It must sort as the values do, since SQLite compares the
    /// stored text.
    var iso8601: String { get }
}

extension ISO8601TextRepresentable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = Self(iso8601: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not ISO 8601 text of \(Self.self)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
