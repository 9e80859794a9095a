/// A request the services refuse, with a stable machine `code` and a detail that never holds personal data.
///
/// Each domain declares its codes in an extension of ``ServiceError/Code``; the category is what the transports
/// map (an HTTP status, a command's exit status), so a code never names one.
public struct ServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal a code is, independent of transport.
    public enum Category: Sendable, Hashable {
        case invalidInput
        case unauthenticated
        case forbidden
        case notFound
        case conflict
        case unprocessable
        /// The request is well formed but asks for a condition the resource does not meet (an app that cannot take
        /// the diagnosis a code is for).
        case preconditionFailed
        case tooManyRequests
    }

    /// A stable, kebab-case code (`slot-full`, `invalid-national-id`, …) with its category.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public let category: Category

        package init(_ rawValue: String, _ category: Category) {
            self.rawValue = rawValue
            self.category = category
        }

        public var description: String { rawValue }
    }

    public let code: Code
    /// A human explanation, safe to show to the client: it names fields, never their personal values.
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code): \(detail)" }

    /// Text a client or a file sent, cut short and stripped to printable ASCII, so a detail can quote it safely.
    package static func printable(_ text: String) -> String {
        if text.utf8.count <= 40, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return String(
            text.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }.prefix(40).map(
                Character.init))
    }
}

extension ServiceError.Code {
    /// A required field is absent.
    public static let missingField = Self("missing-field", .invalidInput)
    /// A field has the wrong JSON type or an unusable value.
    public static let invalidField = Self("invalid-field", .invalidInput)
    /// The body has a field the operation does not define.
    public static let unknownField = Self("unknown-field", .invalidInput)
    /// The query string has a parameter the operation does not define, or one twice.
    public static let unknownParameter = Self("unknown-parameter", .invalidInput)
    public static let invalidParameter = Self("invalid-parameter", .invalidInput)
    /// The body is not a JSON object.
    public static let malformedJSON = Self("malformed-json", .invalidInput)
    /// An object of the body gives one member name more than once, so which value was meant cannot be told.
    public static let duplicateMember = Self("duplicate-member", .invalidInput)
    /// A timestamp is not RFC 3339 / ISO 8601 with a zone.
    public static let invalidTimestamp = Self("invalid-timestamp", .invalidInput)
    /// A range's end is not after its start, or the range is too long.
    public static let invalidRange = Self("invalid-range", .invalidInput)
}
