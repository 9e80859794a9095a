/// Deterministic CBOR straight from JSON, for issuing: the same bytes as encoding `JSONValue.cbor`, without
/// building the intermediate value.
extension CBOREncoder {
    public static func append(json value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(0xF6)
        case .bool(let flag): output.append(flag ? 0xF5 : 0xF4)
        case .integer(let integer): appendInteger(integer, to: &output)
        case .number(let number):
            if let integer = value.integerValue {
                appendInteger(integer, to: &output)
            } else {
                appendFloat(number, to: &output)
            }
        case .string(let text): appendText(text, to: &output)
        case .array(let elements):
            appendHead(major: 4, argument: UInt64(elements.count), to: &output)
            for element in elements { append(json: element, to: &output) }
        case .object(let members):
            appendHead(major: 5, argument: UInt64(members.count), to: &output)
            // Text keys in deterministic order: the encoded head orders by UTF-8 length first, then the bytes.
            let ordered = members.sorted { lhs, rhs in
                let left = lhs.key.utf8.count
                let right = rhs.key.utf8.count
                return left != right ? left < right : lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
            }
            for member in ordered {
                appendText(member.key, to: &output)
                append(json: member.value, to: &output)
            }
        }
    }

    static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value >= 0 {
            appendHead(major: 0, argument: UInt64(value), to: &output)
        } else {
            appendHead(major: 1, argument: UInt64(-(value + 1)), to: &output)
        }
    }

    static func appendText(_ text: String, to output: inout [UInt8]) {
        appendHead(major: 3, argument: UInt64(text.utf8.count), to: &output)
        output.append(contentsOf: text.utf8)
    }
}
