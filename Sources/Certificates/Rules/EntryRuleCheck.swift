public import Foundation

/// Runs the business rules that apply to a technically valid certificate entering one country, on the data the
/// gateway's rule tests lay out: `{"payload": the DCC payload, "external": {valueSets, validationClock,
/// countryCode, exp, iat}}`.
public struct EntryRuleCheck: Sendable {
    public let rules: EntryRules
    public let valueSets: ValueSets
    /// The country being entered (ISO 3166 alpha-2).
    public let destination: String
    /// The language rule descriptions are given in, falling back to English.
    public let language: String

    public init(rules: EntryRules, valueSets: ValueSets, destination: String, language: String = "en") {
        self.rules = rules
        self.valueSets = valueSets
        self.destination = destination
        self.language = language
    }

    /// The outcome of each applicable rule, in identifier order.
    public func evaluate(
        _ certificate: HealthCertificate, issuer: String?, issuedAt: Date, expiresAt: Date, at instant: Date
    ) -> [RuleOutcome] {
        guard let type = certificate.type else { return [] }
        let applicable = rules.applicable(to: type, issuedBy: issuer, destination: destination, at: instant)
        guard !applicable.isEmpty else { return [] }
        let data = JSONValue.object([
            .init("payload", certificate.json),
            .init(
                "external",
                .object([
                    .init("valueSets", valueSets.json),
                    .init("validationClock", .string(ISO8601.format(instant))),
                    .init("countryCode", .string(destination)),
                    .init("exp", .string(ISO8601.format(expiresAt))),
                    .init("iat", .string(ISO8601.format(issuedAt))),
                ])),
        ])
        return applicable.map { rule in
            let description = rule.description(in: language)
            do throws(CertLogicError) {
                let value = try rule.logic.evaluate(data)
                return RuleOutcome(identifier: rule.identifier, passed: value == .bool(true), description: description)
            } catch {
                return RuleOutcome(
                    identifier: rule.identifier, passed: false, description: description, error: error.message)
            }
        }
    }
}
