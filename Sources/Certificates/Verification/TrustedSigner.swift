public import CryptoCore

/// A document signer certificate (DSC) on a trust list, with its public key parsed once for fast verification.
public struct TrustedSigner: Sendable, Hashable {
    public let certificate: X509Certificate
    /// The kid: the first 8 bytes of SHA-256 over the DSC's DER (hcert spec §3.3.1), or as the list states it.
    public let keyID: [UInt8]
    public let country: String?
    public let publicKey: PublicKey
    /// The certificate types this DSC may sign; nil when it carries no DCC key usage OID and so may sign all.
    public let allowedTypes: Set<CertificateType>?

    public init(certificate: X509Certificate, keyID: [UInt8]? = nil, country: String? = nil) {
        self.certificate = certificate
        self.keyID = keyID ?? Self.keyID(for: certificate)
        self.country = country ?? certificate.subjectCountry
        self.publicKey = certificate.publicKey
        let usages = Set(certificate.extendedKeyUsage).intersection(CertificateType.allKeyUsageOIDs)
        self.allowedTypes =
            usages.isEmpty ? nil : Set(CertificateType.allCases.filter { !$0.keyUsageOIDs.isDisjoint(with: usages) })
    }

    /// The hcert kid of a DSC: SHA-256 of its DER, first 8 bytes.
    public static func keyID(for certificate: X509Certificate) -> [UInt8] {
        Array(certificate.sha256Fingerprint.prefix(8))
    }

    /// Whether this DSC's extended key usage allows signing certificates of `type` (hcert spec §5.1.1).
    public func allows(_ type: CertificateType) -> Bool {
        allowedTypes?.contains(type) ?? true
    }
}
