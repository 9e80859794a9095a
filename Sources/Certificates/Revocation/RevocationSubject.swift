import CryptoCore
public import Foundation

/// The parts of one DCC that revocation works with: its kid, issuing country, UVCI, signature and expiry.
public struct RevocationSubject: Sendable, Hashable {
    /// How many leading bytes of the SHA-256 a revocation batch keeps (128 bits).
    public static let hashByteCount = 16

    public var keyID: [UInt8]
    /// The CWT `iss` claim, nil when the certificate has none.
    public var country: String?
    /// The UVCI of the certificate's entry, nil when it has none.
    public var certificateIdentifier: String?
    public var signature: [UInt8]
    public var algorithm: COSEAlgorithm
    /// The CWT `exp` claim: after it the certificate needs no revocation entry.
    public var expiresAt: Date?

    public init(
        keyID: [UInt8], country: String?, certificateIdentifier: String?, signature: [UInt8],
        algorithm: COSEAlgorithm, expiresAt: Date?
    ) {
        self.keyID = keyID
        self.country = country
        self.certificateIdentifier = certificateIdentifier
        self.signature = signature
        self.algorithm = algorithm
        self.expiresAt = expiresAt
    }

    /// The parts of a decoded certificate.
    init(keyID: [UInt8], cose: COSESign1, claims: CWTClaims, certificate: HealthCertificate) {
        self.init(
            keyID: keyID, country: claims.issuer, certificateIdentifier: certificate.certificateIdentifier,
            signature: cose.signature, algorithm: cose.algorithm, expiresAt: claims.expiresAt)
    }

    /// Reads the parts of an HC1 string. The signature is not checked: this is for listing a certificate as
    /// revoked, never for trusting it.
    public init(hc1String: String) throws(CertificateError) {
        let cose = try COSESign1(decoding: try HC1Codec.decode(hc1String))
        let claims = try CWTClaims(decoding: cose.payload)
        guard let keyID = cose.keyID else { throw CertificateError(.missingKid, "neither header has a kid") }
        self.init(
            keyID: keyID, cose: cose, claims: claims, certificate: HealthCertificate(cbor: claims.healthCertificate))
    }

    /// The first 128 bits of the SHA-256 of the bytes `type` names; nil when the certificate lacks them (no UVCI,
    /// or no issuing country for `COUNTRYCODEUCI`).
    public func revocationHash(_ type: RevocationHashType) -> [UInt8]? {
        let input: [UInt8]
        switch type {
        case .uci:
            guard let certificateIdentifier else { return nil }
            input = Array(certificateIdentifier.utf8)
        case .countryCodeUCI:
            guard let country, let certificateIdentifier else { return nil }
            input = Array(country.utf8) + Array(certificateIdentifier.utf8)
        case .signature:
            switch algorithm {
            case .es256: input = Array(signature.prefix(signature.count / 2))
            case .ps256: input = signature
            }
        }
        return Array(SHA256.hash(input).prefix(Self.hashByteCount))
    }
}
