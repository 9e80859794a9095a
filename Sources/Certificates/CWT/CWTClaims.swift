public import Foundation

/// The CWT claims of an HCERT (hcert spec §3.3.1, RFC 8392): issuer, issued-at, expiry and the hcert itself.
public struct CWTClaims: Sendable, Hashable {
    /// Claim keys (RFC 8392 §3.1, hcert spec §3.3.1): integers, whatever width they are encoded in.
    static let issuerKey: Int64 = 1
    static let expirationKey: Int64 = 4
    static let issuedAtKey: Int64 = 6
    static let healthCertificateKey: Int64 = -260
    static let euDCCKey: Int64 = 1

    /// The issuing country (ISO 3166-1 alpha-2), when present.
    public var issuer: String?
    public var issuedAt: Date?
    public var expiresAt: Date?
    /// The DCC payload under claim -260, key 1.
    public var healthCertificate: CBORValue

    public init(issuer: String?, issuedAt: Date?, expiresAt: Date?, healthCertificate: CBORValue) {
        self.issuer = issuer
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.healthCertificate = healthCertificate
    }

    /// Reads the claims from a COSE payload.
    public init(decoding payload: [UInt8], decoder: CBORDecoder = CBORDecoder()) throws(CertificateError) {
        let claims = try decoder.decode(payload)
        guard case .map(let entries) = claims else {
            throw CertificateError(.malformedCWT, "CWT payload is not a map")
        }
        for index in entries.indices.dropFirst()
        where entries[..<index].contains(where: { $0.key == entries[index].key }) {
            throw CertificateError(.malformedCWT, "claim \(entries[index].key) appears twice")
        }
        // Every claim key is now known to appear once: one pass picks up the claims this type reads.
        var issuer: CBORValue?
        var issuedAt: CBORValue?
        var expiresAt: CBORValue?
        var hcertClaim: CBORValue?
        for entry in entries {
            // Integer items are equal exactly when their int64Value is, so this matches as CBORValue equality does.
            switch entry.key.int64Value {
            case Self.issuerKey?: issuer = entry.value
            case Self.issuedAtKey?: issuedAt = entry.value
            case Self.expirationKey?: expiresAt = entry.value
            case Self.healthCertificateKey?: hcertClaim = entry.value
            default: continue
            }
        }
        guard let hcert = hcertClaim?[.integer(Self.euDCCKey)]?.untagged else {
            throw CertificateError(.missingHealthCertificate, "no claim -260 with key 1")
        }
        guard case .map = hcert else {
            throw CertificateError(.missingHealthCertificate, "the hcert is not a map")
        }
        self.healthCertificate = hcert
        self.issuer = issuer?.stringValue
        self.issuedAt = issuedAt.flatMap(Self.date)
        self.expiresAt = expiresAt.flatMap(Self.date)
    }

    /// A NumericDate (RFC 8392 §2), optionally under tag 1; nil when it is not a number or lies beyond the
    /// four-digit years, which no certificate can mean.
    static func date(_ value: CBORValue) -> Date? {
        guard let seconds = value.untagged.numericValue, ISO8601.representableSeconds.contains(seconds) else {
            return nil
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The claims map, deterministically encoded, with times as integer seconds.
    public func encoded() -> [UInt8] {
        Self.encode(issuer: issuer, issuedAt: issuedAt, expiresAt: expiresAt) { output in
            CBOREncoder.append(healthCertificate, to: &output)
        }
    }

    /// Claims for issuing, the hcert written straight from its JSON form.
    public static func encoded(issuer: String?, issuedAt: Date, expiresAt: Date, healthCertificate: JSONValue)
        -> [UInt8]
    {
        encode(issuer: issuer, issuedAt: issuedAt, expiresAt: expiresAt) { output in
            CBOREncoder.append(json: healthCertificate, to: &output)
        }
    }

    /// Writes the map with its keys in deterministic order: 1 (iss), 4 (exp), 6 (iat), -260 (hcert).
    static func encode(
        issuer: String?,
        issuedAt: Date?,
        expiresAt: Date?,
        appendingHealthCertificate: (inout [UInt8]) -> Void
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        let count = 1 + (issuer == nil ? 0 : 1) + (expiresAt == nil ? 0 : 1) + (issuedAt == nil ? 0 : 1)
        CBOREncoder.appendHead(major: 5, argument: UInt64(count), to: &output)
        if let issuer {
            CBOREncoder.appendInteger(issuerKey, to: &output)
            CBOREncoder.appendText(issuer, to: &output)
        }
        if let expiresAt {
            CBOREncoder.appendInteger(expirationKey, to: &output)
            CBOREncoder.appendInteger(Int64(expiresAt.timeIntervalSince1970), to: &output)
        }
        if let issuedAt {
            CBOREncoder.appendInteger(issuedAtKey, to: &output)
            CBOREncoder.appendInteger(Int64(issuedAt.timeIntervalSince1970), to: &output)
        }
        CBOREncoder.appendInteger(healthCertificateKey, to: &output)
        CBOREncoder.appendHead(major: 5, argument: 1, to: &output)
        CBOREncoder.appendInteger(euDCCKey, to: &output)
        appendingHealthCertificate(&output)
        return output
    }
}
