/// A JSON value (RFC 8259) as an import file holds it: object members keep their order, numbers their text.
enum ImportJSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number, as its text: the import reads no numbers, it only needs to know one is there.
    case number(String)
    case string(String)
    case array([ImportJSONValue])
    case object([Member])

    /// One name/value pair of an object.
    struct Member: Sendable {
        let key: String
        let value: ImportJSONValue
    }

    /// The value of the first member named `key`, when this is an object.
    subscript(key: String) -> ImportJSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var arrayValue: [ImportJSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
