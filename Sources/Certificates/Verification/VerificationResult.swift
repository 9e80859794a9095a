public import Foundation

/// What verifying one HC1 string found; its JSON form is the `cert verify --json` and `POST /v1/verify` body.
public struct VerificationResult: Sendable, Hashable {
    public var checks = VerificationChecks()
    /// The first failure in step order, nil when valid.
    public var error: CertificateError?
    public var keyID: [UInt8]?
    /// The issuing country: the CWT iss claim, else the signer's country.
    public var country: String?
    public var type: CertificateType?
    public var issuedAt: Date?
    public var expiresAt: Date?
    public var healthCertificate: HealthCertificate?
    /// The outcome of each entry rule that applied; empty when none did or the certificate is not technically valid.
    public var rules: [RuleOutcome] = []

    public init() {}

    /// Technically valid: every check passed.
    public var isValid: Bool { error == nil && checks.allPassed }

    /// What the border officer is shown, as the EU verifier apps show it.
    public enum Verdict: String, Sendable, Hashable, Codable {
        /// Technically valid, and every applicable entry rule passes.
        case valid
        /// Technically valid, but at least one applicable entry rule fails.
        case notValidForEntry = "not-valid-for-entry"
        /// A technical check failed.
        case invalid
    }

    public var verdict: Verdict {
        guard isValid else { return .invalid }
        return rules.allSatisfy(\.passed) ? .valid : .notValidForEntry
    }

    /// Records a failed step; the first failure is the one reported.
    mutating func record(_ failure: CertificateError) {
        if error == nil { error = failure }
    }
}

extension VerificationResult: Codable {
    enum CodingKeys: String, CodingKey {
        case valid, verdict, error, checks, kid, country, type, issuedAt, expiresAt, payload, rules
    }

    /// Writes every key, absent values as null, times as ISO 8601 and the kid as base64.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isValid, forKey: .valid)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(error?.code, forKey: .error)
        try container.encode(checks, forKey: .checks)
        try container.encode(keyID.map { Data($0).base64EncodedString() }, forKey: .kid)
        try container.encode(country, forKey: .country)
        try container.encode(type, forKey: .type)
        try container.encode(issuedAt.map(ISO8601.format), forKey: .issuedAt)
        try container.encode(expiresAt.map(ISO8601.format), forKey: .expiresAt)
        try container.encode(healthCertificate?.json, forKey: .payload)
        try container.encode(rules, forKey: .rules)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        checks = try container.decode(VerificationChecks.self, forKey: .checks)
        error = try container.decodeIfPresent(CertificateError.Code.self, forKey: .error)
            .map { CertificateError($0, "as reported") }
        keyID = try container.decodeIfPresent(String.self, forKey: .kid).flatMap { Data(base64Encoded: $0) }.map(
            Array.init)
        country = try container.decodeIfPresent(String.self, forKey: .country)
        type = try container.decodeIfPresent(CertificateType.self, forKey: .type)
        issuedAt = try container.decodeIfPresent(String.self, forKey: .issuedAt).flatMap(ISO8601.parse)
        expiresAt = try container.decodeIfPresent(String.self, forKey: .expiresAt).flatMap(ISO8601.parse)
        healthCertificate = try container.decodeIfPresent(JSONValue.self, forKey: .payload).map(
            HealthCertificate.init(json:))
        rules = try container.decodeIfPresent([RuleOutcome].self, forKey: .rules) ?? []
    }

    /// The JSON text, keys in a fixed order of the encoder's sorting.
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
