/// The path of a `var` operation, split once into its fragments: `"payload.v.0.dt"` is payload, v, 0, dt; the
/// empty path `""` has no fragments and names the whole data context.
struct CertLogicPath: Sendable {
    /// One step down: an object's member by name or, when the fragment is a decimal integer, an array's item.
    struct Fragment: Sendable {
        let name: String
        let index: Int?

        init(_ name: Substring) {
            self.name = String(name)
            index = name.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ? Int(name) : nil
        }
    }

    let fragments: [Fragment]

    /// Nil when `text` has an empty fragment (`"x."`, `".x"`, `"x..y"`).
    init?(_ text: String) {
        guard !text.isEmpty else {
            fragments = []
            return
        }
        // Split by scalars: as characters, a period followed by a combining mark would not be a separator.
        let names = text.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false)
        guard !names.contains(where: \.isEmpty) else { return nil }
        fragments = names.map { Fragment(Substring($0)) }
    }
}

extension JSONValue {
    /// The value `path` leads to, `null` where it leads nowhere: a missing member or index, or a step into a
    /// value that is neither an object nor an array.
    func certLogicValue(at path: CertLogicPath) -> JSONValue {
        var value = self
        for fragment in path.fragments {
            value = value.certLogicMember(fragment)
            if case .null = value { break }
        }
        return value
    }

    /// The member or item `fragment` names, or `null`. Member names are compared by their Unicode scalars, as
    /// JSON and the reference evaluators compare them.
    func certLogicMember(_ fragment: CertLogicPath.Fragment) -> JSONValue {
        switch self {
        case .object(let members):
            return members.first { $0.key.hasSameScalars(as: fragment.name) }?.value ?? .null
        case .array(let items):
            guard let index = fragment.index, index < items.count else { return .null }
            return items[index]
        default:
            return .null
        }
    }
}

extension String {
    /// Equality of the Unicode scalars; `==` would also equate canonically equivalent spellings (`é` written as one
    /// scalar or as `e` and a combining accent), which CertLogic, like JavaScript's `===`, tells apart.
    func hasSameScalars(as other: String) -> Bool {
        // `==` (canonical equivalence) is quick, ASCII byte by byte, and false only when the scalars differ too.
        self == other && utf8.elementsEqual(other.utf8)
    }
}
