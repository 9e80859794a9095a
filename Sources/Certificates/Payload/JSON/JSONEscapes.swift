/// The escapes of JSON strings (RFC 8259 §7), undone into UTF-8: shared by the JSON parser (``JSONTapeParser``),
/// which checks them, and the request bodies' duplicate-member check, which compares member names as they read.
package enum JSONEscapes {
    /// Why an escape could not be read, in words for an error message.
    package struct Failure: Error {
        package let problem: String
    }

    /// Reads the escape that follows a backslash, from `index` (the byte after the backslash) on, appends what it
    /// stands for to `out` as UTF-8 and moves `index` past it. A `\u` escape of a high surrogate must be followed
    /// by the escape of its low surrogate, and together they are one scalar.
    package static func decode<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at index: inout Int, into out: inout [UInt8]
    ) throws(Failure) where Bytes.Index == Int {
        guard index < bytes.endIndex else { throw Failure(problem: "a string is never closed") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hexQuad(bytes, at: &index)
            if (0xD800..<0xDC00).contains(value) {
                let lowFollows =
                    bytes.endIndex - index >= 2 && bytes[index] == UInt8(ascii: "\\")
                    && bytes[index + 1] == UInt8(ascii: "u")
                guard lowFollows else { throw Self.missingLowSurrogate }
                index += 2
                let low = try hexQuad(bytes, at: &index)
                guard (0xDC00..<0xE000).contains(low) else { throw Self.missingLowSurrogate }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw Failure(problem: "a \\u escape names a lone surrogate")
            }
            UTF8.encode(scalar) { out.append($0) }
        default:
            throw Failure(problem: "'\\' must start one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
    }

    private static let missingLowSurrogate = Failure(
        problem: "a \\u escape of a high surrogate must be followed by its low surrogate")

    private static func hexQuad<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: inout Int)
        throws(Failure) -> UInt32 where Bytes.Index == Int
    {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.endIndex, let digit = hexDigit(bytes[index]) else {
                throw Failure(problem: "\\u must be followed by four hexadecimal digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
