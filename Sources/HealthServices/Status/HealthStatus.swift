/// A person's "shield": a colour, why, and until when it holds (nil when only a new record changes it).
public struct HealthStatus: Sendable, Hashable, Codable {
    /// The shield's colour, as the API's JSON (`colour`) and the app show it: `red` isolating, `yellow` in quarantine
    /// or not (yet) protected, `green` recovered or fully vaccinated, `grey` no record that counts.
    /// ``HealthStatusRules`` decides it.
    public enum Colour: String, Sendable, Hashable, Codable, CaseIterable {
        case green
        case yellow
        case grey
        case red
    }

    public let colour: Colour
    /// A stable kebab-case reason code, such as `fully-vaccinated` or `isolating`.
    public let reason: String
    public let validUntil: Timestamp?

    public init(colour: Colour, reason: String, validUntil: Timestamp?) {
        self.colour = colour
        self.reason = reason
        self.validUntil = validUntil
    }

    enum CodingKeys: String, CodingKey {
        case colour, reason, validUntil
    }

    /// Writes `validUntil` as null when the status holds until a new record changes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(colour, forKey: .colour)
        try container.encode(reason, forKey: .reason)
        try container.encode(validUntil, forKey: .validUntil)
    }
}
