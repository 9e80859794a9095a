import HealthServices
import Hummingbird

/// Writes JSON text (RFC 8259) by hand for responses on hot paths, straight into memory reserved once in the
/// response buffer; a `ByteBuffer` call per value cost more than the values themselves.
///
/// The caller bounds the text first (sum the `maxSize` of what it will write) and reserves that; writing past
/// the bound stops the process, as it is a programmer error, never a result of input.
struct JSONText {
    private var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// The most bytes ``append(integer:)`` writes: 19 digits and a sign.
    static let maxIntegerSize = 20

    /// Runs `body` with a writer over `maxSize` bytes reserved at the end of `out`, and keeps what it wrote.
    static func write(into out: inout ByteBuffer, maxSize: Int, _ body: (inout JSONText) -> Void) {
        out.writeWithUnsafeMutableBytes(minimumWritableBytes: maxSize) { raw in
            let start = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var writer = JSONText(position: start, end: start + maxSize)
            body(&writer)
            return writer.position - start
        }
    }

    /// The size of text that is JSON already.
    static func size(ofRaw text: StaticString) -> Int {
        text.utf8CodeUnitCount
    }

    /// The most bytes ``append(string:)-(UnsafeBufferPointer<UInt8>)`` writes for `count` bytes of text: quotes,
    /// and every byte escaped as `\u00XX`.
    static func maxSize(ofStringBytes count: Int) -> Int {
        2 + 6 * count
    }

    /// The most bytes ``append(string:)-(Timestamp)`` writes for `timestamp`.
    static func maxSize(ofString timestamp: Timestamp) -> Int {
        timestamp.hasFixedISO8601Length
            ? 2 + Timestamp.fixedISO8601Length : maxSize(ofStringBytes: timestamp.iso8601.utf8.count)
    }

    /// Text that is JSON already, such as `,"key":`.
    mutating func append(raw text: StaticString) {
        text.withUTF8Buffer { bytes in
            reserve(bytes.count)
            if let base = bytes.baseAddress { position.update(from: base, count: bytes.count) }
            position += bytes.count
        }
    }

    /// A JSON string of UTF-8 text: quotes, backslashes and control characters escaped (RFC 8259 §7), everything
    /// else as it is.
    mutating func append(string bytes: UnsafeBufferPointer<UInt8>) {
        reserve(Self.maxSize(ofStringBytes: bytes.count))
        position.pointee = UInt8(ascii: "\"")
        position += 1
        var index = 0
        while index < bytes.count {
            let clean = Self.cleanRun(bytes, from: index)
            if clean > 0 {
                position.update(from: bytes.baseAddress! + index, count: clean)
                position += clean
                index += clean
            }
            if index < bytes.count {
                appendEscaped(bytes[index])
                index += 1
            }
        }
        position.pointee = UInt8(ascii: "\"")
        position += 1
    }

    /// The escape of a quote, a backslash or a control character.
    private mutating func appendEscaped(_ byte: UInt8) {
        guard byte < 0x20 else {
            position[0] = UInt8(ascii: "\\")
            position[1] = byte
            position += 2
            return
        }
        Self.hexDigits.withUTF8Buffer { hex in
            position[0] = UInt8(ascii: "\\")
            position[1] = UInt8(ascii: "u")
            position[2] = UInt8(ascii: "0")
            position[3] = UInt8(ascii: "0")
            position[4] = hex[Int(byte >> 4)]
            position[5] = hex[Int(byte & 0x0F)]
        }
        position += 6
    }

    /// How many bytes from `start` on need no escape, looked at eight at a time while none of the eight does.
    private static func cleanRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var index = start
        while index + 8 <= bytes.count, !mayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index += 8
        }
        while index < bytes.count, !needsEscape(bytes[index]) { index += 1 }
        return index - start
    }

    /// False only when no byte of `word` is below 0x20, a quote or a backslash (the zero-byte tests of
    /// "Bit Twiddling Hacks", applied to the word and to it XORed with each special byte).
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let below0x20 = (word &- ones &* 0x20) & ~word
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (below0x20 | quote | backslash) & highs != 0
    }

    /// Whether a byte of a JSON string needs an escape.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// A timestamp as the JSON string of its ``Timestamp/iso8601`` text, written without making that `String`.
    mutating func append(string timestamp: Timestamp) {
        reserve(2 + Timestamp.fixedISO8601Length)
        guard timestamp.writeFixedISO8601(to: position + 1) else {
            var text = timestamp.iso8601
            return text.withUTF8 { append(string: $0) }
        }
        position[0] = UInt8(ascii: "\"")
        position[1 + Timestamp.fixedISO8601Length] = UInt8(ascii: "\"")
        position += 2 + Timestamp.fixedISO8601Length
    }

    /// A JSON number for an integer, in decimal without leading zeros.
    mutating func append(integer value: Int) {
        reserve(Self.maxIntegerSize)
        var digits = 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        if value < 0 {
            position.pointee = UInt8(ascii: "-")
            position += 1
        }
        rest = value.magnitude
        for index in stride(from: digits - 1, through: 0, by: -1) {
            position[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        position += digits
    }

    /// Stops before writing `count` bytes past the reserved end: the caller's bound was wrong.
    private func reserve(_ count: Int) {
        precondition(end - position >= count, "JSON text overran the bytes reserved for it")
    }
}
