/// A JSON value (RFC 8259) with object members in their order, for DCC payloads and their JSON output.
///
/// Not `indirect`: arrays and objects already keep their elements in array storage, so scalars and strings are held
/// inline rather than each in a box of its own.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One name/value pair of an object.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of the first member with this name, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as an integer, also for a number with no fractional part (JSON Schema's "integer").
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value) where value.rounded() == value && abs(value) < 0x1p63: return Int64(value)
        default: return nil
        }
    }

    /// The first element, when this is a non-empty array (the one entry of a DCC group).
    public var firstElement: JSONValue? {
        guard case .array(let elements) = self else { return nil }
        return elements.first
    }

    public var memberNames: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.key)
    }
}
