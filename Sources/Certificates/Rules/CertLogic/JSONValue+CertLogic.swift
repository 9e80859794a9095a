extension JSONValue {
    /// Truthiness as CertLogic defines it: `true`, a non-empty string, a non-zero integer, a non-empty array or a
    /// non-empty object. Not the negation of falsiness: a number with a fraction is neither truthy nor falsy.
    public var isCertLogicTruthy: Bool { certLogicTruthiness == true }

    /// True when truthy, false when falsy (`false`, `null`, `""`, `0`, `[]`, `{}`), nil when neither.
    var certLogicTruthiness: Bool? {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .integer(let integer): integer != 0
        case .number(let number): number.isIntegral ? number != 0 : nil
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }

    /// `===`: equality without conversions between types. Numbers are equal by value whichever case holds them,
    /// strings by their Unicode scalars, arrays and objects member by member. (The specification leaves `===` on
    /// arrays and objects open; JavaScript compares their identity, which no other platform can reproduce.)
    /// Recurses as deep as the values nest, which for payloads the CBOR decoder's depth limit bounds.
    func isCertLogicEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.string(let left), .string(let right)): left.hasSameScalars(as: right)
        case (.integer(let left), .integer(let right)): left == right
        case (.integer(let left), .number(let right)), (.number(let right), .integer(let left)):
            Double(exactly: left) == right
        case (.number(let left), .number(let right)): left == right
        case (.array(let left), .array(let right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.isCertLogicEqual(to: $1) }
        case (.object(let left), .object(let right)):
            left.count == right.count
                && left.allSatisfy { member in
                    right.contains {
                        $0.key.hasSameScalars(as: member.key) && $0.value.isCertLogicEqual(to: member.value)
                    }
                }
        default: false
        }
    }

    /// What kind of value this is, for error messages.
    var certLogicKind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number(let number) where !number.isIntegral: "a number with a fraction"
        case .number: integerValue == nil ? "an integer beyond the 64-bit range" : "an integer"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

fileprivate extension Double {
    /// Finite and without a fraction: an integer as JSON (and JavaScript) has it.
    var isIntegral: Bool { isFinite && rounded(.towardZero) == self }
}
