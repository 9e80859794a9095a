/// Typed reads of CBOR values, returning nil when the item is of another kind.
extension CBORValue {
    /// The integer value when it fits in `Int64`.
    public var int64Value: Int64? {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// A number as `Double` (integers and floats), for CWT times that may be encoded either way.
    public var numericValue: Double? {
        switch self {
        case .unsigned(let n): return Double(n)
        case .negative(let n): return -1 - Double(n)
        case .float(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }

    public var bytesValue: [UInt8]? {
        if case .byteString(let bytes) = self { return bytes }
        return nil
    }

    public var stringValue: String? {
        if case .textString(let text) = self { return text }
        return nil
    }

    public var arrayValue: [CBORValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var mapEntries: [CBORMapEntry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    /// The value of the first entry with this key, when this is a map.
    public subscript(key: CBORValue) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// Whether this is a tag around some content.
    var isTagged: Bool {
        if case .tagged = self { return true }
        return false
    }

    /// The content under any number of tags.
    public var untagged: CBORValue {
        var value = self
        while case .tagged(_, let inner) = value { value = inner }
        return value
    }
}
