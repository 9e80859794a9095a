/// The operations on date-times and UCIs: their operands must be strings in the formats the specification gives.
extension CertLogicNode {
    static func plusTime(
        _ operand: CertLogicValue, _ amount: Int64, _ unit: CertLogicTimeUnit
    ) throws(CertLogicError) -> CertLogicDateTime {
        guard case .json(.string(let text)) = operand else {
            throw CertLogicError("plusTime: the date-time (operand 1) must be a string, but it is \(operand.kind)")
        }
        guard let dateTime = CertLogicDateTime(parsing: text) else {
            throw CertLogicError("plusTime: \"\(text)\" is not a date or date-time in a format CertLogic allows")
        }
        guard let result = dateTime.adding(amount, unit) else {
            throw CertLogicError("plusTime: \"\(text)\" plus \(amount) \(unit.rawValue)s is beyond the date-time range")
        }
        return result
    }

    static func dccDateOfBirth(_ operand: CertLogicValue) throws(CertLogicError) -> CertLogicDateTime {
        guard case .json(.string(let text)) = operand else {
            throw CertLogicError("dccDateOfBirth: the operand must be a string, but it is \(operand.kind)")
        }
        guard let dateTime = CertLogicDateTime(dateOfBirth: text) else {
            throw CertLogicError("dccDateOfBirth: \"\(text)\" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        }
        return dateTime
    }

    /// The fragment at `index` of a UCI split at `/`, `#` and `:` after an optional `URN:UVCI:` prefix, or `null`
    /// when there is none; `null` for a `null` operand. The UCI's format is not checked (as the specification says).
    static func extractFromUVCI(_ operand: CertLogicValue, _ index: Int64) throws(CertLogicError) -> JSONValue {
        switch operand {
        case .json(.null):
            return .null
        case .json(.string(let uci)):
            return fragment(of: uci, at: index).map(JSONValue.string) ?? .null
        default:
            throw CertLogicError(
                "extractFromUVCI: the UCI (operand 1) must be a string or null, but it is \(operand.kind)")
        }
    }

    private static func fragment(of uci: String, at index: Int64) -> String? {
        guard index >= 0 else { return nil }
        let bytes = uci.utf8
        let prefix = "URN:UVCI:".utf8
        var start =
            bytes.starts(with: prefix) ? bytes.index(bytes.startIndex, offsetBy: prefix.count) : bytes.startIndex
        var remaining = index
        while true {
            let end = bytes[start...].firstIndex {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ":")
            }
            // The separators are ASCII, so the fragment's bytes are whole UTF-8 sequences.
            if remaining == 0 { return String(decoding: bytes[start..<(end ?? bytes.endIndex)], as: UTF8.self) }
            guard let end else { return nil }
            remaining -= 1
            start = bytes.index(after: end)
        }
    }
}
