public import Foundation

/// The CWT claims of an HCERT (hcert spec §3.3.1, RFC 8392): issuer, issued-at, expiry and the hcert itself.
public struct CWTClaims: Sendable, Hashable {
    static let issuerKey: CBORValue = 1
    static let expirationKey: CBORValue = 4
    static let issuedAtKey: CBORValue = 6
    static let healthCertificateKey: CBORValue = -260
    static let euDCCKey: CBORValue = 1

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
        for index in entries.indices.dropFirst() where entries[..<index].contains(where: { $0.key == entries[index].key }) {
            throw CertificateError(.malformedCWT, "claim \(entries[index].key) appears twice")
        }
        guard let hcert = claims[Self.healthCertificateKey]?[Self.euDCCKey] else {
            throw CertificateError(.missingHealthCertificate, "no claim -260 with key 1")
        }
        guard case .map = hcert.untagged else {
            throw CertificateError(.missingHealthCertificate, "the hcert is not a map")
        }
        self.healthCertificate = hcert.untagged
        self.issuer = claims[Self.issuerKey]?.stringValue
        self.issuedAt = claims[Self.issuedAtKey].flatMap(Self.date)
        self.expiresAt = claims[Self.expirationKey].flatMap(Self.date)
    }

    /// A NumericDate (RFC 8392 §2), optionally under tag 1.
    static func date(_ value: CBORValue) -> Date? {
        value.untagged.numericValue.map { Date(timeIntervalSince1970: $0) }
    }

    /// The claims map, deterministically encoded, with times as integer seconds.
    public func encoded() -> [UInt8] {
        var entries: [CBORMapEntry] = []
        if let issuer { entries.append(CBORMapEntry(key: Self.issuerKey, value: .textString(issuer))) }
        if let expiresAt {
            entries.append(CBORMapEntry(key: Self.expirationKey, value: .integer(Int64(expiresAt.timeIntervalSince1970))))
        }
        if let issuedAt {
            entries.append(CBORMapEntry(key: Self.issuedAtKey, value: .integer(Int64(issuedAt.timeIntervalSince1970))))
        }
        let hcert = CBORValue.map([CBORMapEntry(key: Self.euDCCKey, value: healthCertificate)])
        entries.append(CBORMapEntry(key: Self.healthCertificateKey, value: hcert))
        return CBOREncoder.encode(.map(entries))
    }
}
