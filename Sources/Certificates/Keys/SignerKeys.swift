public import CryptoCore
public import Foundation

/// A country signing CA (CSCA) and the document signer (DSC) it certified, with both private keys.
public struct SignerKeys: Sendable {
    public let cscaKey: P256PrivateKey
    public let csca: X509Certificate
    public let dscKey: P256PrivateKey
    public let dsc: X509Certificate

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
        let dscKey = try P256PrivateKey()
        let dsc = try X509Certificate.signed(
            subject: CertificateSubject(
                commonName: "DSC \(country) 1", country: country, organization: "Health Services"),
            publicKey: dscKey.publicKey, issuer: csca, issuerKey: cscaKey,
            extendedKeyUsages: SignerKeyStore.documentSignerKeyUsages,
            validFrom: now, validUntil: now.addingTimeInterval(2 * 365 * 86_400))
        return SignerKeys(cscaKey: cscaKey, csca: csca, dscKey: dscKey, dsc: dsc)
    }

    /// An issuer signing with the DSC's key.
    public func issuer() throws -> CertificateIssuer {
        try CertificateIssuer(signingKey: dscKey, documentSigner: dsc)
    }
}
