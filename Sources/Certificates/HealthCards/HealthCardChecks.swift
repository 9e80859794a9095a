/// The outcome of each step of checking a card: true passed, false failed, nil not run. Written in this order.
public struct HealthCardChecks: Codable, Hashable, Sendable {
    public var prefix: Bool?
    public var numeric: Bool?
    public var chunks: Bool?
    public var inflate: Bool?
    public var jws: Bool?
    public var kid: Bool?
    public var signature: Bool?
    public var issuer: Bool?
    public var nbf: Bool?
    /// Nil when the issuer publishes no revocation list for the key, or the card has no `rid`.
    public var revocation: Bool?
    public var fhir: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case prefix, numeric, chunks, inflate, jws, kid, signature, issuer, nbf, revocation, fhir
    }

    /// Every key is written, not-run steps as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(numeric, forKey: .numeric)
        try container.encode(chunks, forKey: .chunks)
        try container.encode(inflate, forKey: .inflate)
        try container.encode(jws, forKey: .jws)
        try container.encode(kid, forKey: .kid)
        try container.encode(signature, forKey: .signature)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(nbf, forKey: .nbf)
        try container.encode(revocation, forKey: .revocation)
        try container.encode(fhir, forKey: .fhir)
    }

    /// Whether every step ran and passed; revocation may also not have run.
    public var allPassed: Bool {
        [prefix, numeric, chunks, inflate, jws, kid, signature, issuer, nbf, fhir].allSatisfy { $0 == true }
            && revocation != false
    }
}
