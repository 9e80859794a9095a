public import Certificates
public import Foundation

/// The system as a certificate issuer: its document signer, the name it signs as, and the trust list that
/// lets verifiers check what it signs.
public struct CertificateAuthority: Sendable {
    let issuer: CertificateIssuer
    /// The DCC `is` field.
    public let issuerName: String
    /// Our document signers, as verifiers receive them.
    public let trustList: TrustList

    /// The issuing country (ISO 3166-1 alpha-2).
    public var country: String { issuer.country }

    public init(issuer: CertificateIssuer, issuerName: String) {
        self.issuer = issuer
        self.issuerName = issuerName
        self.trustList = TrustList(signers: [TrustedSigner(certificate: issuer.documentSigner)])
    }

    /// The signer of a deployment: the data directory's keys (created on first use, as `healthctl keys init`
    /// would, for `identity.country`), or fresh keys held in memory for in-memory storage. New keys are valid from
    /// `now`.
    public static func load(
        _ storage: AppConfiguration.Storage, identity: AppConfiguration.Issuer, now: Date = Date()
    ) throws -> CertificateAuthority {
        switch storage {
        case .memory:
            return CertificateAuthority(
                issuer: try SignerKeys.generate(country: identity.country, now: now).issuer(),
                issuerName: identity.name)
        case .directory(let path):
            let store = SignerKeyStore(directory: URL(fileURLWithPath: path, isDirectory: true))
            if !store.hasKeys {
                do {
                    try store.initialize(country: identity.country, now: now)
                } catch let error as CertificateError where error.code == .keysExist {
                    // Another process created them first: use theirs.
                }
            }
            return CertificateAuthority(issuer: try store.issuer(), issuerName: identity.name)
        }
    }
}
