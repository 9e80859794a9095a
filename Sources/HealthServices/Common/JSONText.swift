import Hummingbird

/// Writes JSON text (RFC 8259) by hand for responses on hot paths, straight into memory reserved in the response
/// buffer: the caller sizes the text first (``size(ofString:)-(String)`` and friends), reserves exactly that
/// once, and writes; a `ByteBuffer` call per value cost more than the values themselves.
///
/// Writing past what was reserved stops the process: it is a programmer error, never a result of input.
struct JSONText {
    private var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Runs `body` with a writer over `size` bytes reserved at the end of `out`; it must write exactly those.
    static func write(into out: inout ByteBuffer, size: Int, _ body: (inout JSONText) -> Void) {
        out.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            let start = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var writer = JSONText(position: start, end: start + size)
            body(&writer)
            precondition(writer.position == writer.end, "JSON text was sized wrongly")
            return size
        }
    }

    /// The size of text that is JSON already.
    static func size(ofRaw text: StaticString) -> Int {
        text.utf8CodeUnitCount
    }

    /// The size of ``append(string:)-(String)`` for `text`: quotes, and each byte as itself or its escape.
    static func size(ofString text: String) -> Int {
        var text = text
        return text.withUTF8(size(ofStringBytes:))
    }

    private static func size(ofStringBytes bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var size = 2
        for byte in bytes {
            size += byte < 0x20 ? 6 : byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return size
    }

    /// The size of ``append(string:)-(Timestamp)`` for `timestamp`.
    static func size(ofString timestamp: Timestamp) -> Int {
        timestamp.hasFixedISO8601Length ? 2 + Timestamp.fixedISO8601Length : size(ofString: timestamp.iso8601)
    }

    /// The size of ``append(integer:)`` for `value`.
    static func size(ofInteger value: Int) -> Int {
        var size = value < 0 ? 2 : 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            size += 1
        }
        return size
    }

    /// Text that is JSON already, such as `,"key":`.
    mutating func append(raw text: StaticString) {
        text.withUTF8Buffer { bytes in
            reserve(bytes.count)
            if let base = bytes.baseAddress { position.update(from: base, count: bytes.count) }
            position += bytes.count
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7), everything else as UTF-8.
    mutating func append(string text: String) {
        var text = text
        text.withUTF8 { bytes in
            let size = Self.size(ofStringBytes: bytes)
            reserve(size)
            position[0] = UInt8(ascii: "\"")
            position[size - 1] = UInt8(ascii: "\"")
            position += 1
            defer { position += 1 }
            guard size > bytes.count + 2 else {
                if let base = bytes.baseAddress { position.update(from: base, count: bytes.count) }
                position += bytes.count
                return
            }
            for byte in bytes {
                if byte < 0x20 {
                    Self.hexDigits.withUTF8Buffer { hex in
                        position[0] = UInt8(ascii: "\\")
                        position[1] = UInt8(ascii: "u")
                        position[2] = UInt8(ascii: "0")
                        position[3] = UInt8(ascii: "0")
                        position[4] = hex[Int(byte >> 4)]
                        position[5] = hex[Int(byte & 0x0F)]
                    }
                    position += 6
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    position[0] = UInt8(ascii: "\\")
                    position[1] = byte
                    position += 2
                } else {
                    position.pointee = byte
                    position += 1
                }
            }
        }
    }

    /// A timestamp as the JSON string of its ``Timestamp/iso8601`` text, written without making that `String`.
    mutating func append(string timestamp: Timestamp) {
        guard timestamp.hasFixedISO8601Length else { return append(string: timestamp.iso8601) }
        reserve(2 + Timestamp.fixedISO8601Length)
        position[0] = UInt8(ascii: "\"")
        _ = timestamp.writeFixedISO8601(to: position + 1)
        position[1 + Timestamp.fixedISO8601Length] = UInt8(ascii: "\"")
        position += 2 + Timestamp.fixedISO8601Length
    }

    /// A JSON number for an integer, in decimal without leading zeros.
    mutating func append(integer value: Int) {
        let size = Self.size(ofInteger: value)
        reserve(size)
        var rest = value.magnitude
        for index in stride(from: size - 1, to: value < 0 ? 0 : -1, by: -1) {
            position[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        if value < 0 { position[0] = UInt8(ascii: "-") }
        position += size
    }

    /// Stops before writing `count` bytes past the reserved end: the caller's size was wrong.
    private func reserve(_ count: Int) {
        precondition(end - position >= count, "JSON text overran the bytes reserved for it")
    }
}
