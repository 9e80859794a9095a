public import Certificates
import CryptoCore
public import Foundation

/// The system as a certificate issuer: its document signers, the name it signs as, and the trust list that
/// lets verifiers check what it signs.
public struct CertificateAuthority: Sendable {
    let keys: ReloadingKeys<SignerKeyRing>
    /// Where the keys are kept; nil for keys held in memory.
    let store: SignerKeyStore?
    /// The SMART Health Cards issuer keys, read again when one is added.
    let healthCardKeys: ReloadingKeys<HealthCardKeys>
    /// The DCC `is` field.
    public let issuerName: String
    /// The issuing country (ISO 3166-1 alpha-2).
    public let country: String

    init(
        keys: ReloadingKeys<SignerKeyRing>, store: SignerKeyStore?, healthCardKeys: ReloadingKeys<HealthCardKeys>,
        issuerName: String
    ) {
        self.keys = keys
        self.store = store
        self.healthCardKeys = healthCardKeys
        self.issuerName = issuerName
        country = keys.current.signers[0].country
    }

    /// Every DSC, as last read.
    public var ring: SignerKeyRing { keys.current }

    /// The SMART Health Cards issuer keys as last read: every certificate from a record comes with a card.
    public var healthCards: HealthCardKeys { healthCardKeys.current }

    /// The issuer signing what is issued at `now`; nil when no DSC can sign then: the newest has expired, or every
    /// one valid then was withdrawn, until a rotation adds one.
    func issuer(at now: Timestamp) -> CertificateIssuer? {
        let signer = keys.current.signer(at: now.foundationDate)
        return signer.canSign(at: now.foundationDate) ? signer.issuer : nil
    }

    /// Seconds from `now` until no DSC can sign, following the one that signs at each moment (the newest started,
    /// see `SignerKeyRing.signer(at:)`) to its expiry or its successor's start; zero when none can sign now, as when
    /// the newest expired while an older one is still valid. Certificates are cut at their signer's expiry, so as it
    /// nears they are issued shorter and shorter, then wait.
    func secondsOfSigningLeft(at now: Timestamp) -> Int64 {
        let ring = keys.current
        var covered = now.foundationDate
        while case let signer = ring.signer(at: covered), signer.canSign(at: covered) {
            let successor = ring.signers.filter { $0.number > signer.number }.map(\.certificate.notValidBefore)
                .filter { $0 > covered }.min()
            covered = min(signer.certificate.notValidAfter, successor ?? signer.certificate.notValidAfter)
        }
        return max(0, Timestamp(covered).secondsSinceEpoch - now.secondsSinceEpoch)
    }

    /// Every DSC we ever had, retired ones included: what our own stored certificates are read back with.
    var completeTrustList: TrustList { keys.current.completeTrustList }

    /// The files the keys are kept in; keys held in memory have none and cannot be rotated.
    func keyStore() throws -> SignerKeyStore {
        guard let store else {
            throw ServiceError(.keysInMemory, "The keys of in-memory storage live and die with the process.")
        }
        return store
    }

    /// The signer of a deployment: the data directory's keys (created on first use, as `healthctl keys init`
    /// would, for `identity.country`, and read again when a DSC is added, checked every `keyCheckInterval`), or
    /// fresh keys held in memory for in-memory storage. New keys are valid from `now`. The health card keys are kept
    /// the same way, in the data directory's `keys/shc/`, and read again when one is added.
    public static func load(
        _ storage: AppConfiguration.Storage, identity: AppConfiguration.Issuer, now: Date = Date(),
        keyCheckInterval: Duration = AppConfiguration.keyCheckInterval
    ) throws -> CertificateAuthority {
        switch storage {
        case .memory:
            let ring = try SignerKeys.generate(country: identity.country, now: now).ring()
            let healthCards = try HealthCardKeys.generate(
                issuerURL: identity.publicURL ?? HealthCardKeyStore.defaultIssuerURL)
            return CertificateAuthority(
                keys: ReloadingKeys(fixed: ring), store: nil, healthCardKeys: ReloadingKeys(fixed: healthCards),
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
            let keys = try ReloadingKeys(
                "document signers", checkInterval: keyCheckInterval, fileNames: store.documentSignerFileNames,
                load: store.ring)
            let cardStore = store.healthCardKeys
            try cardStore.prepare(issuerURL: identity.publicURL)
            let healthCardKeys = try ReloadingKeys(
                "health card keys", checkInterval: keyCheckInterval, fileNames: cardStore.keyFileNames,
                load: cardStore.load)
            return CertificateAuthority(
                keys: keys, store: store, healthCardKeys: healthCardKeys, issuerName: identity.name)
        }
    }
}

extension ServiceError.Code {
    public static let keysInMemory = Self("keys-in-memory", .unprocessable)
}
