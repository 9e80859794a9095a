public import Foundation

/// What checking one card found; its JSON form is `cert verify --json`'s and `POST /v1/verify`'s for a card: the
/// shape of a DCC's result with the card's own steps, `format` `shc`, and the issuer's URL and name.
public struct HealthCardVerification: Sendable, Hashable {
    public var checks = HealthCardChecks()
    /// The first failure in the order the steps run, nil when valid.
    public var error: CertificateError?
    public var keyID: String?
    /// The card's `iss`.
    public var issuerURL: String?
    /// The trusted issuer's name.
    public var issuerName: String?
    public var country: String?
    public var issuedAt: Date?
    public var expiresAt: Date?
    /// The card read as the DCC payload entry rules take.
    public var healthCertificate: HealthCertificate?
    public var rules: [RuleOutcome] = []

    public init() {}

    public var isValid: Bool { error == nil && checks.allPassed }

    /// A technically valid card holding neither a vaccination nor a test is not valid for entry: no rule can
    /// admit it.
    public var verdict: VerificationResult.Verdict {
        guard isValid else { return .invalid }
        guard healthCertificate?.type != nil else { return .notValidForEntry }
        return rules.allSatisfy(\.passed) ? .valid : .notValidForEntry
    }

    mutating func record(_ failure: CertificateError) {
        if error == nil { error = failure }
    }
}

extension HealthCardVerification: Encodable {
    enum CodingKeys: String, CodingKey {
        case valid, verdict, error, format, checks, kid, issuer, issuerName, country, type, issuedAt, expiresAt
        case payload, rules
    }

    /// Writes every key, absent values as null, times as ISO 8601.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isValid, forKey: .valid)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(error?.code, forKey: .error)
        try container.encode("shc", forKey: .format)
        try container.encode(checks, forKey: .checks)
        try container.encode(keyID, forKey: .kid)
        try container.encode(issuerURL, forKey: .issuer)
        try container.encode(issuerName, forKey: .issuerName)
        try container.encode(country, forKey: .country)
        try container.encode(healthCertificate?.type, forKey: .type)
        try container.encode(issuedAt.map(ISO8601.format), forKey: .issuedAt)
        try container.encode(expiresAt.map(ISO8601.format), forKey: .expiresAt)
        try container.encode(healthCertificate?.json, forKey: .payload)
        try container.encode(rules, forKey: .rules)
    }

    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
