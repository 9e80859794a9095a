public import CryptoCore
public import Foundation

/// Signs DCC payloads into HC1 strings with one document signer: ES256, kid from the DSC (hcert spec §3).
public struct CertificateIssuer: Sendable {
    public let signingKey: P256PrivateKey
    let signer: P256Signer
    public let documentSigner: X509Certificate
    public let keyID: [UInt8]
    /// The CWT iss claim: the issuing country.
    public let country: String

    public init(signingKey: P256PrivateKey, documentSigner: X509Certificate, country: String? = nil) throws {
        guard case .p256(let publicKey) = documentSigner.publicKey, publicKey == signingKey.publicKey else {
            throw CertificateError(.invalidKeyStore, "the signing key does not match the DSC's P-256 key")
        }
        self.signingKey = signingKey
        self.signer = try P256Signer(privateKey: signingKey)
        self.documentSigner = documentSigner
        self.keyID = TrustedSigner.keyID(for: documentSigner)
        self.country = country ?? documentSigner.subjectCountry ?? "XX"
    }

    /// Completes a payload for issuing: ICAO 9303 forms of the names where missing, a UVCI for the entry where
    /// missing; then checks it against the schema.
    public func prepare(_ payload: JSONValue) throws(CertificateError) -> HealthCertificate {
        guard case .object(var members) = payload else {
            throw CertificateError(.invalidPayload, "the payload is not a JSON object")
        }
        for index in members.indices {
            switch members[index].key {
            case "nam": members[index].value = try Self.completingNames(members[index].value)
            case "v", "t", "r": members[index].value = try completingIdentifiers(members[index].value)
            default: break
            }
        }
        let certificate = HealthCertificate(json: .object(members))
        try certificate.validate()
        return certificate
    }

    /// Adds `fnt`/`gnt` where missing, transliterated from `fn`/`gn`; a name no ICAO table covers is refused
    /// with `name-needs-latin-form` rather than given no standardised form.
    static func completingNames(_ name: JSONValue) throws(CertificateError) -> JSONValue {
        guard case .object(var members) = name else { return name }
        for (plain, standard) in [("fn", "fnt"), ("gn", "gnt")] where name[standard] == nil {
            guard let text = name[plain]?.stringValue, !text.isEmpty else { continue }
            guard let standardised = ICAOName.transliterated(text) else {
                throw CertificateError(.nameNeedsLatinForm, "no ICAO 9303 table covers \(plain); give \(standard)")
            }
            members.append(.init(standard, .string(standardised)))
        }
        return .object(members)
    }

    func completingIdentifiers(_ group: JSONValue) throws(CertificateError) -> JSONValue {
        guard case .array(var entries) = group else { return group }
        for index in entries.indices {
            guard case .object(var members) = entries[index], entries[index]["ci"] == nil else { continue }
            members.append(.init("ci", .string(try UVCI.generate(country: country))))
            entries[index] = .object(members)
        }
        return .array(entries)
    }

    /// Signs a prepared payload valid from `issuedAt` for `validity` seconds.
    public func issue(
        _ certificate: HealthCertificate,
        issuedAt: Date = Date(),
        validity: TimeInterval
    ) throws(CertificateError) -> String {
        let claims = CWTClaims.encoded(
            issuer: country, issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(validity),
            healthCertificate: certificate.json)
        let cose = try COSESign1.encode(payload: claims, algorithm: .es256, keyID: keyID) {
            input throws(CertificateError) in
            do {
                return try signer.signature(for: input).rawRepresentation
            } catch {
                throw CertificateError(.invalidKeyStore, "signing failed: \(error)")
            }
        }
        return try HC1Codec.encode(cose: cose)
    }
}
