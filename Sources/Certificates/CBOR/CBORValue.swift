/// One CBOR data item (RFC 8949 §3): every major type, tags kept as they were received.
public enum CBORValue: Hashable, Sendable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the integer `-1 - n`.
    case negative(UInt64)
    case byteString([UInt8])
    case textString(String)
    case array([CBORValue])
    /// Major type 5, entries in the order received (duplicate keys are kept for the layer above to judge).
    case map([CBORMapEntry])
    /// Major type 6: a tag number around its content.
    indirect case tagged(UInt64, CBORValue)
    case boolean(Bool)
    case null
    case undefined
    /// Major type 7 simple values other than false, true, null and undefined.
    case simple(UInt8)
    /// Half, single or double precision, widened to `Double`.
    case float(Double)
}

/// One key/value pair of a CBOR map.
public struct CBORMapEntry: Hashable, Sendable {
    public var key: CBORValue
    public var value: CBORValue

    public init(key: CBORValue, value: CBORValue) {
        self.key = key
        self.value = value
    }
}

extension CBORValue {
    /// An integer as a CBOR value: unsigned for zero and above, negative below.
    public static func integer(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }
}

extension CBORValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .textString(value) }
}
