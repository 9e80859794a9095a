/// Strict JSON (RFC 8259) read straight into a ``JSONValue``, members in document order: one value with only
/// whitespace around it, no duplicate member names, strings checked as UTF-8, at most ``maximumDepth`` levels.
///
/// Foundation's decoder reaches a `JSONValue` only by trying each type in turn, a thrown error per miss: reading a
/// health card's payload that way cost more than checking its signature.
extension JSONValue {
    public static let maximumDepth = 64

    public init(parsing bytes: some Collection<UInt8>) throws(CertificateError) {
        let text = Array(bytes)
        self = try text.withUnsafeBufferPointer { buffer throws(CertificateError) in
            var parser = JSONParser(buffer)
            return try parser.document()
        }
    }
}

/// A cursor over JSON text.
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func failure(_ reason: String) -> CertificateError {
        CertificateError(.invalidPayload, "not JSON: \(reason)")
    }

    mutating func document() throws(CertificateError) -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw Self.failure("text after the value") }
        return value
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value() throws(CertificateError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw Self.failure("a value is missing") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    mutating func literal(_ text: StaticString, _ value: JSONValue) throws(CertificateError) -> JSONValue {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count,
            text.withUTF8Buffer({ Array($0) == Array(bytes[index..<(index + count)]) })
        else { throw Self.failure("an unknown literal") }
        index += count
        return value
    }

    mutating func nested<T>(_ body: (inout JSONParser) throws(CertificateError) -> T) throws(CertificateError) -> T {
        depth += 1
        guard depth <= JSONValue.maximumDepth else { throw Self.failure("nested too deep") }
        defer { depth -= 1 }
        index += 1
        return try body(&self)
    }

    mutating func object() throws(CertificateError) -> JSONValue {
        try nested { parser throws(CertificateError) in
            var members: [JSONValue.Member] = []
            parser.skipWhitespace()
            if parser.consume(UInt8(ascii: "}")) { return .object(members) }
            repeat {
                parser.skipWhitespace()
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
                    throw Self.failure("a member name is not a string")
                }
                let key = try parser.string()
                guard !members.contains(where: { $0.key == key }) else { throw Self.failure("a duplicate member") }
                parser.skipWhitespace()
                guard parser.consume(UInt8(ascii: ":")) else { throw Self.failure("a member without a colon") }
                members.append(JSONValue.Member(key, try parser.value()))
                parser.skipWhitespace()
            } while parser.consume(UInt8(ascii: ","))
            guard parser.consume(UInt8(ascii: "}")) else { throw Self.failure("an object is not closed") }
            return .object(members)
        }
    }

    mutating func array() throws(CertificateError) -> JSONValue {
        try nested { parser throws(CertificateError) in
            var elements: [JSONValue] = []
            parser.skipWhitespace()
            if parser.consume(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                elements.append(try parser.value())
                parser.skipWhitespace()
            } while parser.consume(UInt8(ascii: ","))
            guard parser.consume(UInt8(ascii: "]")) else { throw Self.failure("an array is not closed") }
            return .array(elements)
        }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A string from its opening quote: escapes resolved, UTF-8 checked, no control characters.
    mutating func string() throws(CertificateError) -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
            bytes[index] >= 0x20
        {
            index += 1
        }
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            let byte = bytes[index]
            guard byte >= 0x20 else { throw Self.failure("a control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                index += 1
                continue
            }
            index += 1
            do {
                try JSONEscapes.decode(bytes, at: &index, into: &utf8)
            } catch {
                throw Self.failure(error.problem)
            }
        }
        guard consume(UInt8(ascii: "\"")) else { throw Self.failure("a string is not closed") }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Self.failure("a string is not UTF-8") }
        return text
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`: an integer when it has neither fraction nor exponent
    /// and fits 64 bits, else a double.
    mutating func number() throws(CertificateError) -> JSONValue {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        let first = index
        let count = digits()
        guard count > 0 else { throw Self.failure("not a value") }
        guard count == 1 || bytes[first] != UInt8(ascii: "0") else {
            throw Self.failure("a number with a leading zero")
        }
        var integral = true
        if consume(UInt8(ascii: ".")) {
            integral = false
            guard digits() > 0 else { throw Self.failure("a fraction without digits") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            integral = false
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard digits() > 0 else { throw Self.failure("an exponent without digits") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { throw Self.failure("a number out of range") }
        return .number(number)
    }

    /// Skips digits; how many.
    mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
