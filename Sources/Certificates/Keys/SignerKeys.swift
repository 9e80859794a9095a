public import CryptoCore
public import Foundation

/// A country signing CA (CSCA) and the document signer (DSC) it certified, with both private keys.
public struct SignerKeys: Sendable {
    public let cscaKey: P256PrivateKey
    public let csca: X509Certificate
    public let dscKey: P256PrivateKey
    public let dsc: X509Certificate

    /// How long a new DSC is valid unless told otherwise.
    public static let documentSignerValidityDays = 730

    /// Creates a CSCA (10 years) and a DSC it signs (2 years) carrying the three DCC key usages.
    public static func generate(country: String, now: Date = Date()) throws -> SignerKeys {
        let country = country.uppercased()
        guard country.count == 2, country.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw CertificateError(.invalidKeyStore, "country \(country) is not ISO 3166-1 alpha-2")
        }
        let cscaKey = try P256PrivateKey()
        let csca = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(
                commonName: "CSCA \(country)", country: country, organization: "Health Services"),
            key: cscaKey, validFrom: now, validUntil: now.addingTimeInterval(10 * 365 * 86_400))
        let (dscKey, dsc) = try documentSigner(
            number: 1, csca: csca, cscaKey: cscaKey, validFrom: now,
            validUntil: now.addingTimeInterval(TimeInterval(documentSignerValidityDays) * 86_400))
        return SignerKeys(cscaKey: cscaKey, csca: csca, dscKey: dscKey, dsc: dsc)
    }

    /// A new DSC key and its certificate from `csca`, named `DSC <country> <number>`, with the three DCC key usages.
    static func documentSigner(
        number: Int, csca: X509Certificate, cscaKey: P256PrivateKey, validFrom: Date, validUntil: Date
    ) throws -> (key: P256PrivateKey, certificate: X509Certificate) {
        let country = csca.subjectCountry ?? "XX"
        let key = try P256PrivateKey()
        let certificate = try X509Certificate.signed(
            subject: CertificateSubject(
                commonName: "DSC \(country) \(number)", country: country, organization: "Health Services"),
            publicKey: key.publicKey, issuer: csca, issuerKey: cscaKey,
            extendedKeyUsages: SignerKeyStore.documentSignerKeyUsages, validFrom: validFrom, validUntil: validUntil)
        return (key, certificate)
    }

    /// An issuer signing with the DSC's key.
    public func issuer() throws -> CertificateIssuer {
        try CertificateIssuer(signingKey: dscKey, documentSigner: dsc)
    }

    /// The DSC as the only signer of a ring.
    public func ring() throws -> SignerKeyRing {
        SignerKeyRing(signers: [.init(number: 1, issuer: try issuer())])
    }
}
