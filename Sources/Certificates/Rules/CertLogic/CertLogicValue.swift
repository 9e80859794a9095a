/// A value while evaluating: JSON, as found in the data or written in the expression, or what only evaluation
/// makes: date-times, and arrays or objects holding them.
///
/// Anything without a date-time in it is `.json`, so the data is read without converting it, and an array or object
/// case always holds a date-time somewhere (two values of different cases are never equal).
enum CertLogicValue: Sendable {
    case json(JSONValue)
    case dateTime(CertLogicDateTime)
    case array([CertLogicValue])
    /// Only the `reduce` context read whole (`{"var": ""}` in the lambda), with a date-time in it.
    case object([(key: String, value: CertLogicValue)])

    static let null = CertLogicValue.json(.null)

    /// `.json` when no item is a date-time, else `.array`.
    static func array(of items: [CertLogicValue]) -> CertLogicValue {
        var elements: [JSONValue] = []
        elements.reserveCapacity(items.count)
        for item in items {
            guard case .json(let element) = item else { return .array(items) }
            elements.append(element)
        }
        return .json(.array(elements))
    }

    /// `.json` when no member is a date-time, else `.object`.
    static func object(of members: [(key: String, value: CertLogicValue)]) -> CertLogicValue {
        var jsonMembers: [JSONValue.Member] = []
        for member in members {
            guard case .json(let value) = member.value else { return .object(members) }
            jsonMembers.append(JSONValue.Member(member.key, value))
        }
        return .json(.object(jsonMembers))
    }

    /// The value as JSON: date-times as their ISO 8601 text.
    var json: JSONValue {
        switch self {
        case .json(let value): value
        case .dateTime(let dateTime): .string(dateTime.iso8601)
        case .array(let items): .array(items.map(\.json))
        case .object(let members): .object(members.map { JSONValue.Member($0.key, $0.value.json) })
        }
    }

    /// True when truthy, false when falsy, nil when neither (a date-time is neither).
    var truthiness: Bool? {
        switch self {
        case .json(let value): value.certLogicTruthiness
        case .dateTime: nil
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }

    var integerValue: Int64? {
        guard case .json(let value) = self else { return nil }
        return value.integerValue
    }

    var dateTimeValue: CertLogicDateTime? {
        guard case .dateTime(let dateTime) = self else { return nil }
        return dateTime
    }

    /// What kind of value this is, for error messages.
    var kind: String {
        switch self {
        case .json(let value): value.certLogicKind
        case .dateTime: "a date-time"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// `===` (see `JSONValue.isCertLogicEqual`); date-times are equal when they are the same instant.
    func isCertLogicEqual(to other: CertLogicValue) -> Bool {
        switch (self, other) {
        case (.json(let left), .json(let right)): left.isCertLogicEqual(to: right)
        case (.dateTime(let left), .dateTime(let right)): left == right
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

    /// The member or item `fragment` names, or `null` (see `JSONValue.certLogicMember`).
    func member(_ fragment: CertLogicPath.Fragment) -> CertLogicValue {
        switch self {
        case .json(let value):
            return .json(value.certLogicMember(fragment))
        case .dateTime:
            return .null
        case .array(let items):
            guard let index = fragment.index, index < items.count else { return .null }
            return items[index]
        case .object(let members):
            return members.first { $0.key.hasSameScalars(as: fragment.name) }?.value ?? .null
        }
    }
}
