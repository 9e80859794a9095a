public import CryptoCore
public import Foundation

/// The country signing CAs (CSCAs) and the document signers (DSCs) of this issuer, kept as PEM files in a data
/// directory's `keys/`: CSCA 1 as `csca.key.pem` and `csca.crt.pem`, DSC 1 as `dsc.key.pem` and `dsc.crt.pem`, each
/// later one as `csca-N.*` or `dsc-N.*`. The newest CSCA certifies new DSCs. Private keys have mode 0600; no file is
/// ever overwritten.
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

    /// The SMART Health Cards keys kept beside the DCC keys.
    public var healthCardKeys: HealthCardKeyStore { HealthCardKeyStore(keysDirectory: keysDirectory) }

    /// The two kinds of key this store keeps, by file name prefix.
    enum Kind: String {
        case countrySigner = "csca"
        case documentSigner = "dsc"
    }

    /// The file of key `number` of `kind` with `suffix`: `dsc.key.pem` for the first, `dsc-N.key.pem` after.
    func url(_ kind: Kind, _ number: Int, _ suffix: String) -> URL {
        keysDirectory.appendingPathComponent((number == 1 ? kind.rawValue : "\(kind.rawValue)-\(number)") + suffix)
    }

    func documentSignerKeyURL(_ number: Int) -> URL { url(.documentSigner, number, ".key.pem") }
    func documentSignerCertificateURL(_ number: Int) -> URL { url(.documentSigner, number, ".crt.pem") }
    /// The marker of a withdrawn DSC: the time it was withdrawn, ISO 8601.
    func documentSignerWithdrawalURL(_ number: Int) -> URL { url(.documentSigner, number, ".withdrawn") }

    /// Whether any key or certificate file is already there.
    public var hasKeys: Bool {
        !numbers(.countrySigner).isEmpty || !documentSignerNumbers().isEmpty
    }

    /// The numbers of the DSCs with a key or a certificate on disk, ascending.
    func documentSignerNumbers() -> [Int] { numbers(.documentSigner) }

    /// The numbers of `kind` with any file on disk, ascending.
    func numbers(_ kind: Kind) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: keysDirectory.path)) ?? []
        return Set(names.compactMap { Self.number(of: kind, fileName: $0) }).sorted()
    }

    /// The number of the `kind` key a file name in `keys/` belongs to; nil for other files.
    static func number(of kind: Kind, fileName name: String) -> Int? {
        for suffix in [".key.pem", ".crt.pem", ".withdrawn"] where name.hasSuffix(suffix) {
            let stem = name.dropLast(suffix.count)
            if stem == kind.rawValue { return 1 }
            let prefix = kind.rawValue + "-"
            guard stem.hasPrefix(prefix), let number = Int(stem.dropFirst(prefix.count)), number >= 2 else {
                return nil
            }
            return number
        }
        return nil
    }

    /// What a reload compares to see whether a DSC was added or withdrawn: the DSC file names, sorted.
    public func documentSignerFileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: keysDirectory.path)) ?? []
        return names.filter { Self.number(of: .documentSigner, fileName: $0) != nil }.sorted()
    }

    /// Creates a CSCA and a DSC (see ``SignerKeys/generate(country:now:)``) and stores them, all four files or none:
    /// a store left half made would refuse the next `keys init` and serve no DSC.
    @discardableResult
    public func initialize(country: String, now: Date = Date()) throws -> (csca: X509Certificate, dsc: X509Certificate)
    {
        let keys = try SignerKeys.generate(country: country, now: now)
        guard !hasKeys else {
            throw CertificateError(.keysExist, "keys already exist in \(keysDirectory.path)")
        }
        try FileManager.default.createDirectory(at: keysDirectory, withIntermediateDirectories: true)
        try Self.writeNew([
            KeyFile.Content(keys.cscaKey.pemRepresentation, at: url(.countrySigner, 1, ".key.pem"), mode: 0o600),
            KeyFile.Content(keys.csca.pemRepresentation, at: url(.countrySigner, 1, ".crt.pem"), mode: 0o644),
            KeyFile.Content(keys.dscKey.pemRepresentation, at: documentSignerKeyURL(1), mode: 0o600),
            KeyFile.Content(keys.dsc.pemRepresentation, at: documentSignerCertificateURL(1), mode: 0o644),
        ])
        return (keys.csca, keys.dsc)
    }

    /// A DSC made by a rotation whose key is on disk but whose certificate is not yet: the ring does not see it
    /// until ``SignerKeyStore/publish(_:)`` writes the certificate.
    public struct NewDocumentSigner: Sendable {
        public let number: Int
        let key: P256PrivateKey
        public let certificate: X509Certificate
        public var keyID: String { Data(TrustedSigner.keyID(for: certificate)).base64EncodedString() }
    }

    /// Makes the next DSC under the CSCA, signing from `from` (now or later) for `validDays`, cut at the CSCA's own
    /// expiry, and writes its key. Creating the key file claims the number: a rotation running at the same time
    /// fails with `keys-exist`.
    public func makeDocumentSigner(validDays: Int, from: Date, now: Date = Date()) throws -> NewDocumentSigner {
        guard validDays >= 1 else { throw CertificateError(.invalidKeyStore, "a DSC must be valid for a day or more") }
        guard from >= now.addingTimeInterval(-60) else {
            throw CertificateError(.invalidKeyStore, "a new DSC cannot start signing in the past")
        }
        let (cscaKey, csca) = try newestCountrySigner()
        guard csca.notValidAfter > from.addingTimeInterval(86_400) else {
            throw CertificateError(
                .invalidKeyStore, "the CSCA expires \(csca.notValidAfter): run `keys rotate-csca` first")
        }
        let until = min(from.addingTimeInterval(TimeInterval(validDays) * 86_400), csca.notValidAfter)
        let number = (documentSignerNumbers().last ?? 0) + 1
        let (key, certificate) = try SignerKeys.documentSigner(
            number: number, csca: csca, cscaKey: cscaKey, validFrom: from, validUntil: until)
        try Self.writeNew(key.pemRepresentation, to: documentSignerKeyURL(number), mode: 0o600)
        return NewDocumentSigner(number: number, key: key, certificate: certificate)
    }

    /// Writes the new DSC's certificate: from now on the ring holds it.
    public func publish(_ signer: NewDocumentSigner) throws {
        try Self.writeNew(
            signer.certificate.pemRepresentation, to: documentSignerCertificateURL(signer.number), mode: 0o644)
    }

    /// Removes the key of a DSC that was never published, as if the rotation had not begun.
    public func discard(_ signer: NewDocumentSigner) {
        guard !FileManager.default.fileExists(atPath: documentSignerCertificateURL(signer.number).path) else { return }
        KeyFile.remove(documentSignerKeyURL(signer.number))
    }

    /// Marks DSC `number` withdrawn from `at`: from then on it neither signs nor is published, so everything it
    /// signed fails as `unknown-kid`. For a key that leaked; permanent.
    public func withdraw(number: Int, at: Date) throws {
        let text = ISO8601.format(at) + "\n"
        try Self.writeNew(text, to: documentSignerWithdrawalURL(number), mode: 0o644)
    }

    /// Takes back a withdrawal whose audit entry could not be written, as if it had not begun.
    public func undoWithdrawal(number: Int) {
        KeyFile.remove(documentSignerWithdrawalURL(number))
    }

    /// Every CSCA certificate, oldest first, by number.
    public func countrySigningCertificates() throws -> [(number: Int, certificate: X509Certificate)] {
        let numbers = numbers(.countrySigner).filter {
            FileManager.default.fileExists(atPath: url(.countrySigner, $0, ".crt.pem").path)
        }
        guard !numbers.isEmpty else {
            throw CertificateError(
                .invalidKeyStore, "no CSCA in \(keysDirectory.path); run `healthctl keys init` first")
        }
        return try numbers.map { ($0, try X509Certificate(pemEncoded: read(url(.countrySigner, $0, ".crt.pem")))) }
    }

    /// The newest CSCA with its key: the one that certifies new DSCs.
    func newestCountrySigner() throws -> (key: P256PrivateKey, certificate: X509Certificate) {
        guard let (number, certificate) = try countrySigningCertificates().last else {
            throw CertificateError(.invalidKeyStore, "no CSCA in \(keysDirectory.path)")
        }
        return (try P256PrivateKey(pemRepresentation: read(url(.countrySigner, number, ".key.pem"))), certificate)
    }

    /// A CSCA made by a rotation whose key is on disk but whose certificate is not yet: nothing uses it until
    /// ``SignerKeyStore/publish(_:)-(NewCountrySigner)`` writes the certificate.
    public struct NewCountrySigner: Sendable {
        public let number: Int
        public let certificate: X509Certificate
    }

    /// Makes the next CSCA for the same country, valid from `now` for `validDays`, and writes its key. Once published
    /// it certifies new DSCs, while DSCs the older CSCA certified keep working until they expire.
    public func makeCountrySigner(validDays: Int, now: Date = Date()) throws -> NewCountrySigner {
        guard validDays >= 365 else {
            throw CertificateError(.invalidKeyStore, "a CSCA must be valid for a year or more")
        }
        let country = try newestCountrySigner().certificate.subjectCountry ?? "XX"
        let number = (numbers(.countrySigner).last ?? 0) + 1
        let key = try P256PrivateKey()
        let certificate = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(
                commonName: "CSCA \(country) \(number)", country: country, organization: "Health Services"),
            key: key, validFrom: now, validUntil: now.addingTimeInterval(TimeInterval(validDays) * 86_400))
        try Self.writeNew(key.pemRepresentation, to: url(.countrySigner, number, ".key.pem"), mode: 0o600)
        return NewCountrySigner(number: number, certificate: certificate)
    }

    /// Writes the new CSCA's certificate: from now on it certifies new DSCs.
    public func publish(_ signer: NewCountrySigner) throws {
        try Self.writeNew(
            signer.certificate.pemRepresentation, to: url(.countrySigner, signer.number, ".crt.pem"), mode: 0o644)
    }

    /// Removes the key of a CSCA that was never published, as if the rotation had not begun.
    public func discard(_ signer: NewCountrySigner) {
        guard !FileManager.default.fileExists(atPath: url(.countrySigner, signer.number, ".crt.pem").path) else {
            return
        }
        KeyFile.remove(url(.countrySigner, signer.number, ".key.pem"))
    }

    /// Every DSC whose certificate is on disk, each with its key; a withdrawn one may have lost its key (an operator
    /// destroys a leaked key, as the runbook says).
    public func ring() throws -> SignerKeyRing {
        let signers = try documentSignerNumbers().compactMap { number -> SignerKeyRing.Signer? in
            guard FileManager.default.fileExists(atPath: documentSignerCertificateURL(number).path) else { return nil }
            let certificate = try X509Certificate(pemEncoded: read(documentSignerCertificateURL(number)))
            let withdrawnAt = try withdrawal(of: number)
            let keyURL = documentSignerKeyURL(number)
            if let withdrawnAt, !FileManager.default.fileExists(atPath: keyURL.path) {
                return SignerKeyRing.Signer(number: number, withdrawnCertificate: certificate, withdrawnAt: withdrawnAt)
            }
            let key = try P256PrivateKey(pemRepresentation: read(keyURL))
            return SignerKeyRing.Signer(
                number: number, issuer: try CertificateIssuer(signingKey: key, documentSigner: certificate),
                withdrawnAt: withdrawnAt)
        }
        guard !signers.isEmpty else {
            throw CertificateError(.invalidKeyStore, "no DSC in \(keysDirectory.path); run `healthctl keys init` first")
        }
        return SignerKeyRing(signers: signers)
    }

    /// When DSC `number` was withdrawn; nil when it has no marker. A marker that exists but does not read is an
    /// error, never "not withdrawn".
    func withdrawal(of number: Int) throws -> Date? {
        let marker = documentSignerWithdrawalURL(number)
        guard FileManager.default.fileExists(atPath: marker.path) else { return nil }
        guard let date = ISO8601.parse(try read(marker).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CertificateError(.invalidKeyStore, "\(marker.path) holds no time")
        }
        return date
    }

    /// Writes a file that must not exist yet (see ``KeyFile``), created with `mode` so a key is never readable by
    /// others.
    static func writeNew(_ text: String, to url: URL, mode: mode_t) throws {
        try writeNew([KeyFile.Content(text, at: url, mode: mode)])
    }

    /// Writes files that must not exist yet, all or none (see ``KeyFile/createAll(_:)``); `keys-exist` when one is
    /// already there.
    static func writeNew(_ contents: [KeyFile.Content]) throws {
        do throws(KeyFile.Failure) {
            try KeyFile.createAll(contents)
        } catch {
            throw CertificateError(error.fileExists ? .keysExist : .invalidKeyStore, "cannot create \(error)")
        }
    }

    func read(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CertificateError(.invalidKeyStore, "cannot read \(url.path); run `healthctl keys init` first")
        }
    }
}
