/// Strict JSON (RFC 8259) read into a ``JSONValue``, members in document order: one value with only whitespace
/// around it, no duplicate member names, strings checked as UTF-8, at most ``maximumDepth`` levels.
///
/// The text is parsed by ``JSONTapeParser``, the grammar import files are read with. Foundation's decoder reaches a
/// `JSONValue` only by trying each type in turn, a thrown error per miss: reading a health card's payload that way
/// cost more than checking its signature.
extension JSONValue {
    public static let maximumDepth = 64

    public init(parsing bytes: some Collection<UInt8>) throws(CertificateError) {
        let root: JSONTapeValue
        do {
            root = try JSONTapeParser.parse(ArraySlice(bytes), maxDepth: Self.maximumDepth)
        } catch {
            throw Self.notJSON(error.problem)
        }
        self = try JSONValue(root.tape, at: root.index)
    }

    /// The value whose first node is `index`.
    private init(_ tape: JSONTape, at index: Int) throws(CertificateError) {
        let node = tape.nodes[index]
        switch node.kind {
        case .null: self = .null
        case .bool: self = .bool(node.flag)
        case .string: self = .string(tape.string(at: index))
        case .number: self = try Self.number(tape.bytes[Int(node.start)..<Int(node.end)])
        case .array:
            var elements: [JSONValue] = []
            var child = index + 1
            while child < Int(node.next) {
                elements.append(try JSONValue(tape, at: child))
                child = Int(tape.nodes[child].next)
            }
            self = .array(elements)
        case .object:
            var members: [Member] = []
            var key = index + 1
            while key < Int(node.next) {
                let name = tape.string(at: key)
                guard !members.contains(where: { $0.key == name }) else { throw Self.notJSON("a duplicate member") }
                members.append(Member(name, try JSONValue(tape, at: key + 1)))
                key = Int(tape.nodes[key + 1].next)
            }
            self = .object(members)
        }
    }

    /// A number the parser has checked: an integer when it has neither fraction nor exponent and fits 64 bits,
    /// else a double.
    private static func number(_ text: ArraySlice<UInt8>) throws(CertificateError) -> JSONValue {
        let string = String(decoding: text, as: UTF8.self)
        let integral = !text.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        if integral, let integer = Int64(string) { return .integer(integer) }
        guard let number = Double(string), number.isFinite else { throw notJSON("a number out of range") }
        return .number(number)
    }

    private static func notJSON(_ reason: String) -> CertificateError {
        CertificateError(.invalidPayload, "not JSON: \(reason)")
    }
}
