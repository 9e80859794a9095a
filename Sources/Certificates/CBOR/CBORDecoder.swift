/// Decodes CBOR (RFC 8949) with limits: nesting depth, item count, and every declared length checked against the
/// bytes that remain, so hostile input cannot make it allocate or recurse without bound.
public struct CBORDecoder: Sendable {
    /// Bounds on what one decode may build.
    public struct Limits: Sendable {
        /// Deepest nesting of arrays, maps and tags.
        public var maxDepth: Int
        /// Most data items in one document (every array element, map key and value, and tag counts).
        public var maxItems: Int

        public init(maxDepth: Int = 16, maxItems: Int = 4096) {
            self.maxDepth = maxDepth
            self.maxItems = maxItems
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Decodes exactly one data item that fills all of `bytes`.
    public func decode(_ bytes: [UInt8]) throws(CertificateError) -> CBORValue {
        try bytes.withUnsafeBufferPointer { buffer throws(CertificateError) in
            var reader = CBORReader(bytes: buffer, limits: limits)
            let value = try reader.readItem(depth: 0)
            guard reader.position == buffer.count else {
                throw CertificateError(
                    .cborTrailingBytes, "\(buffer.count - reader.position) bytes after the CBOR item")
            }
            return value
        }
    }

    /// Decodes exactly one data item that fills all of `bytes`.
    public func decode(_ bytes: ArraySlice<UInt8>) throws(CertificateError) -> CBORValue {
        try decode(Array(bytes))
    }
}

/// The decoding state over one buffer; lives only inside `CBORDecoder.decode`.
struct CBORReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: CBORDecoder.Limits
    var position = 0
    var items = 0

    init(bytes: UnsafeBufferPointer<UInt8>, limits: CBORDecoder.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    var remaining: Int { bytes.count - position }

    @inline(__always)
    mutating func readByte() throws(CertificateError) -> UInt8 {
        guard position < bytes.count else { throw CertificateError(.cborTruncated, "CBOR ends inside an item") }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads the big-endian argument of `count` bytes.
    @inline(__always)
    mutating func readUInt(_ count: Int) throws(CertificateError) -> UInt64 {
        guard remaining >= count else { throw CertificateError(.cborTruncated, "CBOR ends inside an argument") }
        var value: UInt64 = 0
        for index in position..<position + count { value = value << 8 | UInt64(bytes[index]) }
        position += count
        return value
    }

    /// The argument of an initial byte (RFC 8949 §3), or nil for the indefinite marker (additional info 31).
    @inline(__always)
    mutating func readArgument(_ info: UInt8) throws(CertificateError) -> UInt64? {
        switch info {
        case 0..<24: return UInt64(info)
        case 24: return try readUInt(1)
        case 25: return try readUInt(2)
        case 26: return try readUInt(4)
        case 27: return try readUInt(8)
        case 31: return nil
        default: throw CertificateError(.cborInvalidEncoding, "reserved additional information \(info)")
        }
    }

    /// A declared length, checked against what is left: each element needs at least `minimumBytesEach` bytes.
    @inline(__always)
    func checkedLength(_ declared: UInt64, minimumBytesEach: Int) throws(CertificateError) -> Int {
        guard declared <= UInt64(remaining / minimumBytesEach) else {
            throw CertificateError(
                .cborLengthOverflow, "declared length \(declared) exceeds the \(remaining) bytes left")
        }
        return Int(declared)
    }

    @inline(__always)
    mutating func countItem() throws(CertificateError) {
        items += 1
        guard items <= limits.maxItems else {
            throw CertificateError(.cborTooManyItems, "more than \(limits.maxItems) CBOR items")
        }
    }

    mutating func readItem(depth: Int) throws(CertificateError) -> CBORValue {
        try countItem()
        let initial = try readByte()
        let major = initial >> 5
        let info = initial & 0x1F
        switch major {
        case 0:
            guard let value = try readArgument(info) else { throw indefiniteNotAllowed(major) }
            return .unsigned(value)
        case 1:
            guard let value = try readArgument(info) else { throw indefiniteNotAllowed(major) }
            return .negative(value)
        case 2:
            return .byteString(try readStringBytes(major: major, info: info))
        case 3:
            return .textString(try readText(info: info))
        case 4:
            return .array(try readArray(info: info, depth: depth + 1))
        case 5:
            return .map(try readMap(info: info, depth: depth + 1))
        case 6:
            guard let tag = try readArgument(info) else { throw indefiniteNotAllowed(major) }
            guard depth + 1 <= limits.maxDepth else { throw tooDeep() }
            return .tagged(tag, try readItem(depth: depth + 1))
        default:
            return try readSimple(info: info)
        }
    }

    func indefiniteNotAllowed(_ major: UInt8) -> CertificateError {
        CertificateError(.cborInvalidEncoding, "major type \(major) cannot have indefinite length")
    }

    func tooDeep() -> CertificateError {
        CertificateError(.cborTooDeep, "CBOR nesting deeper than \(limits.maxDepth)")
    }

    /// The content of a byte or text string, joining the chunks of an indefinite-length one (RFC 8949 §3.2.3).
    mutating func readStringBytes(major: UInt8, info: UInt8) throws(CertificateError) -> [UInt8] {
        if let declared = try readArgument(info) {
            let length = try checkedLength(declared, minimumBytesEach: 1)
            defer { position += length }
            return Array(UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
        }
        var joined: [UInt8] = []
        while true {
            let chunkInitial = try readByte()
            if chunkInitial == 0xFF { return joined }
            guard chunkInitial >> 5 == major else {
                throw CertificateError(.cborInvalidEncoding, "indefinite string chunk of another major type")
            }
            guard let declared = try readArgument(chunkInitial & 0x1F) else {
                throw CertificateError(.cborInvalidEncoding, "nested indefinite string chunk")
            }
            let length = try checkedLength(declared, minimumBytesEach: 1)
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
            position += length
        }
    }

    /// A text string, validated as UTF-8 straight from the input when it has a definite length.
    mutating func readText(info: UInt8) throws(CertificateError) -> String {
        let text: String?
        if info != 31 {
            guard let declared = try readArgument(info) else { throw indefiniteNotAllowed(3) }
            let length = try checkedLength(declared, minimumBytesEach: 1)
            let raw = UnsafeBufferPointer(rebasing: bytes[position..<position + length])
            // ASCII is valid UTF-8 as it stands, and the common case in certificates: take the fast path.
            if raw.allSatisfy({ $0 < 0x80 }) {
                text = Self.sharedText(raw) ?? String(decoding: raw, as: UTF8.self)
            } else {
                text = String(validating: raw, as: UTF8.self)
            }
            position += length
        } else {
            text = String(validating: try readStringBytes(major: 3, info: info), as: UTF8.self)
        }
        guard let text else { throw CertificateError(.cborInvalidUTF8, "text string is not valid UTF-8") }
        return text
    }

    mutating func readArray(info: UInt8, depth: Int) throws(CertificateError) -> [CBORValue] {
        guard depth <= limits.maxDepth else { throw tooDeep() }
        var elements: [CBORValue] = []
        if let declared = try readArgument(info) {
            let count = try checkedLength(declared, minimumBytesEach: 1)
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try readItem(depth: depth)) }
            return elements
        }
        while try !atBreak() { elements.append(try readItem(depth: depth)) }
        return elements
    }

    mutating func readMap(info: UInt8, depth: Int) throws(CertificateError) -> [CBORMapEntry] {
        guard depth <= limits.maxDepth else { throw tooDeep() }
        var entries: [CBORMapEntry] = []
        if let declared = try readArgument(info) {
            let count = try checkedLength(declared, minimumBytesEach: 2)
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let key = try readItem(depth: depth)
                entries.append(CBORMapEntry(key: key, value: try readItem(depth: depth)))
            }
            return entries
        }
        while try !atBreak() {
            let key = try readItem(depth: depth)
            entries.append(CBORMapEntry(key: key, value: try readItem(depth: depth)))
        }
        return entries
    }

    /// Consumes the "break" stop code of an indefinite-length container when it comes next.
    mutating func atBreak() throws(CertificateError) -> Bool {
        guard position < bytes.count else { throw CertificateError(.cborTruncated, "CBOR ends before a break") }
        if bytes[position] == 0xFF {
            position += 1
            return true
        }
        return false
    }

    /// Major type 7: simple values and floats (RFC 8949 §3.3).
    mutating func readSimple(info: UInt8) throws(CertificateError) -> CBORValue {
        switch info {
        case 20: return .boolean(false)
        case 21: return .boolean(true)
        case 22: return .null
        case 23: return .undefined
        case 0..<20: return .simple(info)
        case 24:
            let value = try readByte()
            guard value >= 32 else {
                throw CertificateError(.cborInvalidEncoding, "simple value \(value) in two bytes")
            }
            return .simple(value)
        case 25: return .float(Double(halfBits: UInt16(try readUInt(2))))
        case 26: return .float(Double(Float(bitPattern: UInt32(try readUInt(4)))))
        case 27: return .float(Double(bitPattern: try readUInt(8)))
        case 31: throw CertificateError(.cborInvalidEncoding, "break outside an indefinite-length item")
        default: throw CertificateError(.cborInvalidEncoding, "reserved additional information \(info)")
        }
    }
}

extension Double {
    /// Widens an IEEE 754 half-precision bit pattern (RFC 8949 Appendix D).
    init(halfBits: UInt16) {
        let exponent = Int((halfBits >> 10) & 0x1F)
        let mantissa = Double(halfBits & 0x3FF)
        let magnitude: Double
        switch exponent {
        case 0: magnitude = mantissa * 0x1p-24
        case 31: magnitude = mantissa == 0 ? .infinity : .nan
        default: magnitude = (mantissa + 1024) * Double(sign: .plus, exponent: exponent - 25, significand: 1)
        }
        self = halfBits & 0x8000 != 0 ? -magnitude : magnitude
    }
}
