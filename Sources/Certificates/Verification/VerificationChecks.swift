/// The outcome of each verification step: true passed, false failed, nil not run.
public struct VerificationChecks: Codable, Hashable, Sendable {
    public var prefix: Bool?
    public var base45: Bool?
    public var decompress: Bool?
    public var cose: Bool?
    public var kid: Bool?
    public var signature: Bool?
    public var expiry: Bool?
    public var keyUsage: Bool?
    public var schema: Bool?
    /// Every coded member holds a code of its value set.
    public var valueSets: Bool?
    /// True when no revocation batch lists the certificate, false when one does; nil when the verifier has no
    /// revocation list or an earlier step failed.
    public var revocation: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case prefix, base45, decompress, cose, kid, signature, expiry, keyUsage, schema, valueSets, revocation
    }

    /// Every key is written, not-run steps as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(base45, forKey: .base45)
        try container.encode(decompress, forKey: .decompress)
        try container.encode(cose, forKey: .cose)
        try container.encode(kid, forKey: .kid)
        try container.encode(signature, forKey: .signature)
        try container.encode(expiry, forKey: .expiry)
        try container.encode(keyUsage, forKey: .keyUsage)
        try container.encode(schema, forKey: .schema)
        try container.encode(valueSets, forKey: .valueSets)
        try container.encode(revocation, forKey: .revocation)
    }

    /// Whether every step before revocation ran and passed.
    var stepsBeforeRevocationPassed: Bool {
        [prefix, base45, decompress, cose, kid, signature, expiry, keyUsage, schema, valueSets].allSatisfy {
            $0 == true
        }
    }

    /// Whether every step ran and passed; revocation may also not have run, when there was no list to check.
    public var allPassed: Bool {
        stepsBeforeRevocationPassed && revocation != false
    }
}
