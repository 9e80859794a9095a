public import CryptoCore
public import Foundation

/// The country signing CA (CSCA) and document signer (DSC) of this issuer, kept as PEM files in a data directory:
/// private keys with mode 0600, never overwritten.
public struct SignerKeyStore: Sendable {
    /// The DSC extended key usages for test, vaccination and recovery certificates (hcert spec §5.1.1).
    public static let documentSignerKeyUsages = [
        "1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.1847.2021.1.3",
    ]

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    var keysDirectory: URL { directory.appendingPathComponent("keys") }
    var cscaKeyURL: URL { keysDirectory.appendingPathComponent("csca.key.pem") }
    var cscaCertificateURL: URL { keysDirectory.appendingPathComponent("csca.crt.pem") }
    var dscKeyURL: URL { keysDirectory.appendingPathComponent("dsc.key.pem") }
    var dscCertificateURL: URL { keysDirectory.appendingPathComponent("dsc.crt.pem") }
    var allFiles: [URL] { [cscaKeyURL, cscaCertificateURL, dscKeyURL, dscCertificateURL] }

    /// Whether any key or certificate file is already there.
    public var hasKeys: Bool {
        allFiles.contains { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Creates a CSCA and a DSC (see ``SignerKeys/generate(country:now:)``) and stores them.
    @discardableResult
    public func initialize(country: String, now: Date = Date()) throws -> (csca: X509Certificate, dsc: X509Certificate)
    {
        let keys = try SignerKeys.generate(country: country, now: now)
        guard !hasKeys else {
            throw CertificateError(.keysExist, "keys already exist in \(keysDirectory.path)")
        }
        try FileManager.default.createDirectory(at: keysDirectory, withIntermediateDirectories: true)
        try Self.writeNew(keys.cscaKey.pemRepresentation, to: cscaKeyURL, mode: 0o600)
        try Self.writeNew(keys.dscKey.pemRepresentation, to: dscKeyURL, mode: 0o600)
        try Self.writeNew(keys.csca.pemRepresentation, to: cscaCertificateURL, mode: 0o644)
        try Self.writeNew(keys.dsc.pemRepresentation, to: dscCertificateURL, mode: 0o644)
        return (keys.csca, keys.dsc)
    }

    /// Writes a file that must not exist yet, created with `mode` so a key is never readable by others.
    static func writeNew(_ text: String, to url: URL, mode: mode_t) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            throw CertificateError(.keysExist, "cannot create \(url.path): errno \(errno)")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw CertificateError(.invalidKeyStore, "short write to \(url.path)")
        }
    }

    func read(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CertificateError(.invalidKeyStore, "cannot read \(url.path); run `healthctl keys init` first")
        }
    }

    public func documentSignerCertificate() throws -> X509Certificate {
        try X509Certificate(pemEncoded: read(dscCertificateURL))
    }

    public func countrySigningCertificate() throws -> X509Certificate {
        try X509Certificate(pemEncoded: read(cscaCertificateURL))
    }

    /// An issuer signing with the DSC's key.
    public func issuer() throws -> CertificateIssuer {
        let key = try P256PrivateKey(pemRepresentation: read(dscKeyURL))
        return try CertificateIssuer(signingKey: key, documentSigner: documentSignerCertificate())
    }

    /// A trust list holding this store's DSC.
    public func trustList() throws -> TrustList {
        TrustList(signers: [TrustedSigner(certificate: try documentSignerCertificate())])
    }
}
