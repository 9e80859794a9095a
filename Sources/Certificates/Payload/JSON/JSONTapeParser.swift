/// Parses JSON text (RFC 8259) into a ``JSONTape`` in one pass over the bytes: the one JSON grammar of the
/// project's own. Import files, lab batches and health cards are read with it; request bodies of fixed shape are
/// decoded by `Decodable` types instead, which name the field of each problem for the caller.
///
/// Foundation's JSONSerialization took about 26 s on a 100,000-result Bundle (86 MB) on Linux, most of it bridging
/// the result to Swift collections; this reads the same file in well under a second. The grammar is strict, and
/// nesting is limited so that hostile input cannot exhaust the stack.
package struct JSONTapeParser {
    /// Deeper nesting than any FHIR resource needs.
    package static let maxDepth = 200
    /// Node offsets are 32-bit.
    package static let maxSize = Int(Int32.max)

    private let bytes: ArraySlice<UInt8>
    private let maxDepth: Int
    private var index: Int
    private var depth = 0
    private var nodes: [JSONTape.Node] = []
    private var decoded: [String] = []
    private var scratch: [UInt8] = []

    /// The one value `bytes` hold, with only whitespace around it, nested at most `maxDepth` deep. Strings are
    /// checked to be UTF-8 as they are read; anywhere else JSON allows only ASCII.
    package static func parse(
        _ bytes: ArraySlice<UInt8>, maxDepth: Int = maxDepth
    ) throws(JSONSyntaxError) -> JSONTapeValue {
        guard bytes.endIndex <= maxSize else { throw JSONSyntaxError(.tooLarge, at: bytes.startIndex) }
        var parser = Self(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.endIndex else { throw parser.failure("text after the JSON value") }
        let tape = JSONTape(bytes: bytes, nodes: parser.nodes, decoded: parser.decoded)
        return JSONTapeValue(tape: tape, index: 0)
    }

    private init(bytes: ArraySlice<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.index = bytes.startIndex
    }

    /// Appends a node that holds no other nodes.
    private mutating func append(_ kind: JSONTape.Kind, flag: Bool = false, start: Int = 0, end: Int = 0) {
        nodes.append(
            JSONTape.Node(
                kind: kind, flag: flag, start: Int32(start), end: Int32(end), next: Int32(nodes.count + 1)))
    }

    private mutating func value() throws(JSONSyntaxError) {
        guard index < bytes.endIndex else { throw failure("the text ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true", .bool)
        case UInt8(ascii: "f"): try literal("false", .bool)
        case UInt8(ascii: "n"): try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("a value should start here")
        }
    }

    private mutating func object() throws(JSONSyntaxError) {
        try enter()
        defer { depth -= 1 }
        let node = nodes.count
        append(.object)
        defer { nodes[node].next = Int32(nodes.count) }
        index += 1
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            skipWhitespace()
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("an object member should start with its name in quotes")
            }
            try string()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("a ':' should follow a member name") }
            skipWhitespace()
            try value()
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("a ',' or '}' should follow an object member") }
    }

    private mutating func array() throws(JSONSyntaxError) {
        try enter()
        defer { depth -= 1 }
        let node = nodes.count
        append(.array)
        defer { nodes[node].next = Int32(nodes.count) }
        index += 1
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            skipWhitespace()
            try value()
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw failure("a ',' or ']' should follow an array item") }
    }

    /// A string at `index` (its opening quote). One without escapes is kept as its bytes; one with escapes
    /// (RFC 8259 §7) is decoded now.
    private mutating func string() throws(JSONSyntaxError) {
        index += 1
        let start = index
        var isASCII = true
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if !isASCII, String(validating: bytes[start..<index], as: UTF8.self) == nil {
                    throw JSONSyntaxError(.notUTF8, at: start)
                }
                append(.string, start: start, end: index)
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("a control character must be escaped in a string") }
            isASCII = isASCII && byte < 0x80
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<index])
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw JSONSyntaxError(.notUTF8, at: start)
                }
                append(.string, flag: true, start: decoded.count)
                decoded.append(text)
                return
            case UInt8(ascii: "\\"):
                try escape()
            case 0..<0x20:
                throw failure("a control character must be escaped in a string")
            default:
                scratch.append(byte)
            }
        }
        throw failure("a string is never closed")
    }

    /// The escape after a backslash, appended to `scratch` as UTF-8.
    private mutating func escape() throws(JSONSyntaxError) {
        do {
            try JSONEscapes.decode(bytes, at: &index, into: &scratch)
        } catch {
            throw failure(error.problem)
        }
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (RFC 8259 §6).
    private mutating func number() throws(JSONSyntaxError) {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if !consume(UInt8(ascii: "0")) {
            guard digits() > 0 else { throw failure("a number needs digits") }
        }
        if consume(UInt8(ascii: ".")) {
            guard digits() > 0 else { throw failure("a number's fraction needs digits") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard digits() > 0 else { throw failure("a number's exponent needs digits") }
        }
        append(.number, start: start, end: index)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(
        _ text: StaticString, _ kind: JSONTape.Kind
    ) throws(JSONSyntaxError) {
        let count = text.utf8CodeUnitCount
        let matches = text.withUTF8Buffer { expected in
            bytes.endIndex - index >= count && bytes[index..<index + count].elementsEqual(expected)
        }
        guard matches else { throw failure("a value should start here") }
        index += count
        append(kind, flag: bytes[index - count] == UInt8(ascii: "t"))
    }

    /// Moves past `byte` when it is next; whether it was.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.endIndex, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= maxDepth else { throw failure("arrays and objects nest more than \(maxDepth) deep") }
    }

    private mutating func skipWhitespace() {
        while index < bytes.endIndex {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1  // space, tab, line feed, carriage return (RFC 8259 §2)
            default: return
            }
        }
    }

    /// The error for a problem at `index`.
    private func failure(_ problem: String) -> JSONSyntaxError {
        JSONSyntaxError(.malformed(problem), at: index)
    }
}

/// Why text is not JSON, and where: each reader words it for its own callers.
package struct JSONSyntaxError: Error {
    package enum Reason: Sendable, Equatable {
        /// Larger than ``JSONTapeParser/maxSize``.
        case tooLarge
        /// A string that is not UTF-8.
        case notUTF8
        /// Anything else, in words.
        case malformed(String)
    }

    package let reason: Reason
    /// The index in the text where the problem was found.
    package let offset: Int

    init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The problem in words.
    package var problem: String {
        switch reason {
        case .tooLarge: "larger than 2 GiB"
        case .notUTF8: "a string is not UTF-8"
        case .malformed(let problem): problem
        }
    }
}
