public import ContactTracing
public import CryptoCore
import Foundation

/// The key server's signing keys: the export key that signs key export files and the certificate key that signs
/// verification certificates. Each kind is a list by version, oldest first; the newest signs, and the older
/// ones stay listed after a rotation so apps can still check what they signed. With them, the keys that hash and
/// seal verification codes in the health database.
public struct ExposureKeyRing: Sendable {
    /// One key of a kind, named by its version (`v1`, `v2`, …).
    public struct VersionedKey: Sendable {
        public let version: String
        public let privateKey: P256PrivateKey
    }

    public let exportKeys: [VersionedKey]
    public let certificateKeys: [VersionedKey]
    /// Signs certificates with the newest certificate key, reusing its OpenSSL contexts.
    let certificateSigner: P256Signer
    /// The certificate keys' public halves by kid (their version), for verifying.
    let certificatePublicKeys: [String: P256PublicKey]
    public let codeKeys: VerificationCodeKeys
    /// Other verification servers' certificate keys, by issuer and kid (`healthctl exposure keys trust`).
    public let trustedCertificateKeys: [String: [String: P256PublicKey]]

    public init(
        exportKeys: [VersionedKey], certificateKeys: [VersionedKey], codeKeys: VerificationCodeKeys,
        trustedCertificateKeys: [String: [String: P256PublicKey]] = [:]
    ) throws {
        guard let certificateKey = certificateKeys.last, !exportKeys.isEmpty else {
            throw ExposureKeyStoreError("the key ring needs an export key and a certificate key")
        }
        self.exportKeys = exportKeys
        self.certificateKeys = certificateKeys
        self.codeKeys = codeKeys
        self.trustedCertificateKeys = trustedCertificateKeys
        certificateSigner = try P256Signer(privateKey: certificateKey.privateKey)
        certificatePublicKeys = Dictionary(
            certificateKeys.map { ($0.version, $0.privateKey.publicKey) }, uniquingKeysWith: { $1 })
    }

    /// The keys a certificate is checked with, by issuer and kid: the trusted ones, and ours under `ownIssuer`
    /// (ours win where a trusted key of our own issuer has the kid of one of ours).
    func certificateKeys(ownIssuer: String) -> [String: [String: P256PublicKey]] {
        var keys = trustedCertificateKeys
        keys[ownIssuer, default: [:]].merge(certificatePublicKeys) { _, ours in ours }
        return keys
    }

    /// The newest export key.
    public var currentExportKey: VersionedKey { exportKeys[exportKeys.count - 1] }

    /// How many of the newest export keys sign each export: the newest, and the one before it while apps move to
    /// the new key (the format allows a signature per key); a second rotation ends the oldest one's signing.
    public static let exportSigningKeys = 2

    /// The keys signing an export of `region` (the keys' id), newest first: `export.proto` orders `signature_infos`
    /// and the `TEKSignatureList` by descending time, most recent first.
    public func exportSigners(region: String) -> [ExportSigner] {
        exportKeys.suffix(Self.exportSigningKeys).reversed().map {
            ExportSigner(
                key: $0.privateKey, info: SignatureInfo(verificationKeyVersion: $0.version, verificationKeyID: region))
        }
    }
    /// The newest certificate key; its version is the `kid` of the certificates it signs.
    public var currentCertificateKey: VersionedKey { certificateKeys[certificateKeys.count - 1] }

    /// A ring of one fresh key of each kind, held in memory (for in-memory storage and tests).
    public static func generate() throws -> ExposureKeyRing {
        try ExposureKeyRing(
            exportKeys: [VersionedKey(version: "v1", privateKey: P256PrivateKey())],
            certificateKeys: [VersionedKey(version: "v1", privateKey: P256PrivateKey())], codeKeys: .generate())
    }

    /// The `keys show --json` document: export keys under `region` as their key id, certificate keys by kid.
    public func publicKeys(region: String) -> ExposurePublicKeys {
        ExposurePublicKeys(
            exportKeys: exportKeys.map {
                .init(keyId: region, keyVersion: $0.version, publicKey: $0.privateKey.publicKey.pemRepresentation)
            },
            certificateKeys: certificateKeys.map {
                .init(kid: $0.version, publicKey: $0.privateKey.publicKey.pemRepresentation)
            },
            trustedCertificateKeys: trustedCertificateKeys.sorted { $0.key < $1.key }.flatMap { issuer, keys in
                keys.sorted { $0.key < $1.key }.map {
                    .init(issuer: issuer, kid: $0.key, publicKey: $0.value.pemRepresentation)
                }
            })
    }
}

/// The public keys apps are configured with (`healthctl exposure keys show --json`).
public struct ExposurePublicKeys: Codable, Sendable, Hashable {
    /// A public key the apps verify export files with: `keyId` is the region and `keyVersion` the key's version, as
    /// each export's signature info names them; `publicKey` is PEM.
    public struct ExportKey: Codable, Sendable, Hashable {
        public let keyId: String
        public let keyVersion: String
        public let publicKey: String
    }

    /// A public key of our verification certificates: `kid` is the key's version, the `kid` of the certificates it
    /// signs; `publicKey` is PEM.
    public struct CertificateKey: Codable, Sendable, Hashable {
        public let kid: String
        public let publicKey: String
    }

    /// Another verification server's certificate key.
    public struct TrustedKey: Codable, Sendable, Hashable {
        public let issuer: String
        public let kid: String
        public let publicKey: String
    }

    public let exportKeys: [ExportKey]
    public let certificateKeys: [CertificateKey]
    public let trustedCertificateKeys: [TrustedKey]
}

/// The key server's keys as the services use them: the data directory's, read again when their files change
/// (`exposure keys rotate` or `trust`, checked every `AppConfiguration.keyCheckInterval`), or a fixed ring.
public struct ExposureKeys: Sendable {
    let source: ReloadingKeys<ExposureKeyRing>

    /// The keys as last read.
    public var current: ExposureKeyRing { source.current }

    /// A ring that never changes.
    public static func fixed(_ ring: ExposureKeyRing) -> ExposureKeys {
        ExposureKeys(source: ReloadingKeys(fixed: ring))
    }

    /// The keys of a deployment: the data directory's (created on first start when absent, as
    /// `healthctl exposure keys init` would), or fresh ones in memory for in-memory storage.
    public static func load(
        _ storage: AppConfiguration.Storage, checkInterval: Duration = AppConfiguration.keyCheckInterval
    ) throws -> ExposureKeys {
        switch storage {
        case .memory:
            return .fixed(try ExposureKeyRing.generate())
        case .directory(let path):
            let store = ExposureKeyStore(dataDirectory: URL(fileURLWithPath: path, isDirectory: true))
            try store.initializeIfAbsent()
            return ExposureKeys(
                source: try ReloadingKeys(
                    "key server", checkInterval: checkInterval, fileNames: store.fileNames, load: store.load))
        }
    }
}
