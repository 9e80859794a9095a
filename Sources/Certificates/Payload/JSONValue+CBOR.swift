import CryptoCore

/// Conversions between the hcert's CBOR form and its JSON form (hcert spec §3.3.2: the same data model).
extension JSONValue {
    /// The JSON form of a CBOR item: tags dropped (a tag 1 epoch time becomes ISO 8601 text), byte strings as
    /// lowercase hex, non-text map keys as their decimal or text form.
    public init(cbor: CBORValue) {
        switch cbor {
        case .unsigned(let n): self = n <= UInt64(Int64.max) ? .integer(Int64(n)) : .number(Double(n))
        case .negative(let n): self = n <= UInt64(Int64.max) ? .integer(-1 - Int64(n)) : .number(-1 - Double(n))
        case .byteString(let bytes): self = .string(Hex.encode(bytes))
        case .textString(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(JSONValue.init(cbor:)))
        case .map(let entries):
            self = .object(entries.map { Member(Self.memberName($0.key), JSONValue(cbor: $0.value)) })
        case .tagged(1, let content) where content.numericValue != nil:
            self = .string(ISO8601.format(secondsSince1970: content.numericValue ?? 0))
        case .tagged(_, let content): self = JSONValue(cbor: content)
        case .boolean(let flag): self = .bool(flag)
        case .null, .undefined, .simple: self = .null
        // JSON has no NaN or infinity: null, as JSON.stringify writes them (a verification's answer carries the
        // payload, and could not be written otherwise).
        case .float(let number): self = number.isFinite ? .number(number) : .null
        }
    }

    static func memberName(_ key: CBORValue) -> String {
        // Text keys, as every hcert has, need no unwrapping.
        if case .textString(let text) = key { return text }
        return switch key.untagged {
        case .textString(let text): text
        case let other:
            if let integer = other.int64Value { String(integer) } else { String(describing: other) }
        }
    }

    /// The CBOR form used when issuing: integral numbers as integers, objects as text-keyed maps.
    public var cbor: CBORValue {
        switch self {
        case .null: .null
        case .bool(let flag): .boolean(flag)
        case .integer(let integer): .integer(integer)
        case .number(let number): integerValue.map(CBORValue.integer) ?? .float(number)
        case .string(let text): .textString(text)
        case .array(let elements): .array(elements.map(\.cbor))
        case .object(let members): .map(members.map { CBORMapEntry(key: .textString($0.key), value: $0.value.cbor) })
        }
    }
}
