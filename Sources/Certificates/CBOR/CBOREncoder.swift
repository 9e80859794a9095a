/// Encodes CBOR deterministically (RFC 8949 §4.2.1): shortest arguments, definite lengths, map keys sorted by
/// the bytewise order of their encodings, floats in the shortest form that keeps their value.
public enum CBOREncoder {
    public static func encode(_ value: CBORValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        append(value, to: &output)
        return output
    }

    public static func append(_ value: CBORValue, to output: inout [UInt8]) {
        switch value {
        case .unsigned(let n): appendHead(major: 0, argument: n, to: &output)
        case .negative(let n): appendHead(major: 1, argument: n, to: &output)
        case .byteString(let bytes):
            appendHead(major: 2, argument: UInt64(bytes.count), to: &output)
            output.append(contentsOf: bytes)
        case .textString(let text):
            appendHead(major: 3, argument: UInt64(text.utf8.count), to: &output)
            output.append(contentsOf: text.utf8)
        case .array(let elements):
            appendHead(major: 4, argument: UInt64(elements.count), to: &output)
            for element in elements { append(element, to: &output) }
        case .map(let entries):
            appendMap(entries, to: &output)
        case .tagged(let tag, let content):
            appendHead(major: 6, argument: tag, to: &output)
            append(content, to: &output)
        case .boolean(let flag): output.append(flag ? 0xF5 : 0xF4)
        case .null: output.append(0xF6)
        case .undefined: output.append(0xF7)
        case .simple(let simple):
            if simple < 24 {
                output.append(0xE0 | simple)
            } else {
                output.append(contentsOf: [0xF8, simple])
            }
        case .float(let double): appendFloat(double, to: &output)
        }
    }

    /// The initial byte and argument of an item, in the shortest form (RFC 8949 §4.2.1).
    public static func appendHead(major: UInt8, argument: UInt64, to output: inout [UInt8]) {
        let type = major << 5
        switch argument {
        case 0..<24:
            output.append(type | UInt8(argument))
        case 24...0xFF:
            output.append(type | 24)
            output.append(UInt8(argument))
        case 0x100...0xFFFF:
            output.append(type | 25)
            appendBigEndian(argument, byteCount: 2, to: &output)
        case 0x1_0000...0xFFFF_FFFF:
            output.append(type | 26)
            appendBigEndian(argument, byteCount: 4, to: &output)
        default:
            output.append(type | 27)
            appendBigEndian(argument, byteCount: 8, to: &output)
        }
    }

    static func appendBigEndian(_ value: UInt64, byteCount: Int, to output: inout [UInt8]) {
        for shift in stride(from: (byteCount - 1) * 8, through: 0, by: -8) {
            output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    static func appendMap(_ entries: [CBORMapEntry], to output: inout [UInt8]) {
        appendHead(major: 5, argument: UInt64(entries.count), to: &output)
        var encoded: [(key: [UInt8], value: CBORValue)] = []
        encoded.reserveCapacity(entries.count)
        for entry in entries {
            var key: [UInt8] = []
            append(entry.key, to: &key)
            encoded.append((key, entry.value))
        }
        encoded.sort { $0.key.lexicographicallyPrecedes($1.key) }
        for (key, value) in encoded {
            output.append(contentsOf: key)
            append(value, to: &output)
        }
    }

    /// Half, single or double precision, whichever is shortest and exact (RFC 8949 §4.2.2 preferred serialization).
    static func appendFloat(_ value: Double, to output: inout [UInt8]) {
        if let half = exactHalfBits(value) {
            output.append(0xF9)
            appendBigEndian(UInt64(half), byteCount: 2, to: &output)
        } else if Double(Float(value)) == value {
            output.append(0xFA)
            appendBigEndian(UInt64(Float(value).bitPattern), byteCount: 4, to: &output)
        } else {
            output.append(0xFB)
            appendBigEndian(value.bitPattern, byteCount: 8, to: &output)
        }
    }

    /// The half-precision bit pattern of `value` when it has one that reads back to exactly `value`.
    static func exactHalfBits(_ value: Double) -> UInt16? {
        if value.isNaN { return 0x7E00 }
        let sign: UInt16 = value.sign == .minus ? 0x8000 : 0
        if value.isInfinite { return sign | 0x7C00 }
        if value == 0 { return sign }
        let magnitude = abs(value)
        let exponent = Int(magnitude.exponent)
        if exponent >= -14 && exponent <= 15 {
            let mantissa = (magnitude / Double(sign: .plus, exponent: exponent, significand: 1) - 1) * 1024
            guard mantissa == mantissa.rounded() else { return nil }
            return sign | UInt16(exponent + 15) << 10 | UInt16(mantissa)
        }
        if exponent >= -24 && exponent < -14 {
            let mantissa = magnitude * 0x1p24
            guard mantissa == mantissa.rounded() else { return nil }
            return sign | UInt16(mantissa)
        }
        return nil
    }
}
