/// One value of a ``JSONTape``: a JSON value (RFC 8259) as an import file, a lab batch or a health card holds it.
package struct JSONTapeValue: Sendable {
    package let tape: JSONTape
    let index: Int

    package var kind: JSONTape.Kind { tape.nodes[index].kind }
    package var isNull: Bool { kind == .null }
    package var isObject: Bool { kind == .object }

    /// Whether this is the string `text`, told without making a String.
    package func isString(_ text: StaticString) -> Bool {
        kind == .string && tape.string(at: index, equals: text)
    }

    package var stringValue: String? {
        kind == .string ? tape.string(at: index) : nil
    }

    /// The items, when this is an array.
    package var arrayValue: [JSONTapeValue]? {
        guard kind == .array else { return nil }
        var items: [JSONTapeValue] = []
        var child = index + 1
        while child < Int(tape.nodes[index].next) {
            items.append(JSONTapeValue(tape: tape, index: child))
            child = Int(tape.nodes[child].next)
        }
        return items
    }

    /// The name of the first member for which `predicate` holds, given the index of its name's string node and
    /// its value; nil when there is none or this is not an object.
    package func firstKey(where predicate: (_ keyNode: Int, _ value: JSONTapeValue) -> Bool) -> String? {
        guard kind == .object else { return nil }
        var key = index + 1
        while key < Int(tape.nodes[index].next) {
            if predicate(key, JSONTapeValue(tape: tape, index: key + 1)) { return tape.string(at: key) }
            key = Int(tape.nodes[key + 1].next)
        }
        return nil
    }

    /// The value of the first member named `key`, when this is an object.
    package subscript(key: StaticString) -> JSONTapeValue? {
        guard kind == .object else { return nil }
        var member = index + 1
        while member < Int(tape.nodes[index].next) {
            if tape.string(at: member, equals: key) { return JSONTapeValue(tape: tape, index: member + 1) }
            member = Int(tape.nodes[member + 1].next)
        }
        return nil
    }
}
