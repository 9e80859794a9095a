/// What one business rule said of a certificate: passed only when its logic gave exactly `true`.
public struct RuleOutcome: Sendable, Hashable, Codable {
    public let identifier: String
    public let passed: Bool
    /// The rule's description in the language asked for.
    public let description: String
    /// Why the rule could not be evaluated, when it could not (the certificate then does not pass it).
    public let error: String?

    public init(identifier: String, passed: Bool, description: String, error: String? = nil) {
        self.identifier = identifier
        self.passed = passed
        self.description = description
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case identifier, passed, description, error }

    /// `error` is written only when there is one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identifier, forKey: .identifier)
        try container.encode(passed, forKey: .passed)
        try container.encode(description, forKey: .description)
        try container.encodeIfPresent(error, forKey: .error)
    }
}
