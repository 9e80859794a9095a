import CryptoCore
public import Foundation

/// What issuing health cards takes: the newest signing key, every key verifiers should hold, and the secret that
/// turns a record's id into a card's revocation id.
public struct HealthCardKeys: Sendable {
    public let signer: HealthCardSigner
    /// Every issuer key, the signing one included: what `/.well-known/jwks.json` lists.
    public let keys: [JSONWebKey]
    /// The URLs cards were issued under before the public URL changed, newest first: cards keep the `iss` they were
    /// signed with, so our own check still knows them as ours.
    public let formerIssuerURLs: [String]
    private let revocationSecret: [UInt8]

    init(signer: HealthCardSigner, keys: [JSONWebKey], formerIssuerURLs: [String] = [], revocationSecret: [UInt8]) {
        self.signer = signer
        self.keys = keys
        self.formerIssuerURLs = formerIssuerURLs
        self.revocationSecret = revocationSecret
    }

    /// Fresh keys held in memory, for in-memory storage.
    public static func generate(issuerURL: String) throws -> HealthCardKeys {
        let signer = try HealthCardSigner(issuerURL: issuerURL, signingKey: try P256PrivateKey())
        return HealthCardKeys(signer: signer, keys: [signer.key], revocationSecret: SecureRandom.bytes(count: 32))
    }

    /// The card's `rid` for a record: HMAC-SHA256 of the record's id under the server's secret, its first 16 bytes
    /// in base64url (22 characters). The same for every card of the record, so revoking by record time revokes
    /// the cards issued before it; it reveals nothing of the person or the record.
    public func revocationID(forRecord recordID: String) -> String {
        Base64URL.encode(HMACSHA256.authenticationCode(for: Array(recordID.utf8), key: revocationSecret).prefix(16))
    }
}

/// The health card keys of a data directory, in `keys/shc/`: `es256-N.key.pem` (P-256, mode 0600; the highest N
/// signs), `rid.key` (the revocation secret, 32 bytes in hex, mode 0600) and `issuer-url` (the `iss` of cards on
/// its first line, the URLs cards were issued under before on the lines after it).
public struct HealthCardKeyStore: Sendable {
    public let directory: URL
    public static let defaultIssuerURL = "http://127.0.0.1:8080"

    /// `keysDirectory` is the data directory's `keys/`.
    public init(keysDirectory: URL) {
        directory = keysDirectory.appendingPathComponent("shc", isDirectory: true)
    }

    /// Makes what is missing (the folder, the revocation secret, the first key) and, when `issuerURL` is given,
    /// stores it as the cards' `iss`.
    public func prepare(issuerURL configured: String?) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: secretURL.path) {
            try? SignerKeyStore.writeNew(Hex.encode(SecureRandom.bytes(count: 32)), to: secretURL, mode: 0o600)
        }
        let issuedBefore = try !keyNumbers().isEmpty
        if !issuedBefore {
            try? SignerKeyStore.writeNew(try P256PrivateKey().pemRepresentation, to: keyURL(1), mode: 0o600)
        }
        if let configured { try store(issuerURL: configured, keysHadIssued: issuedBefore) }
    }

    /// The issuer URLs as stored, the current one first; with none stored, ``defaultIssuerURL``.
    func issuerURLs() -> [String] {
        let lines = ((try? read(issuerURLFile)) ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let urls = lines.filter { !$0.isEmpty }
        return urls.isEmpty ? [Self.defaultIssuerURL] : urls
    }

    /// The keys as stored (see ``prepare(issuerURL:)``), with the stored issuer URLs, else ``defaultIssuerURL``.
    public func load() throws -> HealthCardKeys {
        let urls = issuerURLs()
        let issuerURL = urls[0]
        guard let secret = Hex.decode(try read(secretURL).trimmingCharacters(in: .whitespacesAndNewlines)),
            secret.count == 32
        else {
            throw CertificateError(.invalidKeyStore, "\(secretURL.path) is not 32 bytes of hex")
        }
        var signers: [HealthCardSigner] = []
        for number in try keyNumbers() {
            let key = try P256PrivateKey(pemRepresentation: try read(keyURL(number)))
            signers.append(try HealthCardSigner(issuerURL: issuerURL, signingKey: key))
        }
        guard let newest = signers.last else {
            throw CertificateError(.invalidKeyStore, "no health card key in \(directory.path)")
        }
        return HealthCardKeys(
            signer: newest, keys: signers.map(\.key), formerIssuerURLs: Array(urls.dropFirst()),
            revocationSecret: secret)
    }

    var issuerURLFile: URL { directory.appendingPathComponent("issuer-url") }
    var secretURL: URL { directory.appendingPathComponent("rid.key") }

    /// Makes `issuerURL` the stored one, atomically, when it differs; the one it replaces is kept as a former URL
    /// (the default too, once keys could have issued cards under it).
    func store(issuerURL: String, keysHadIssued: Bool) throws {
        let stored = FileManager.default.fileExists(atPath: issuerURLFile.path)
        let current = issuerURLs()
        guard current[0] != issuerURL else { return }
        let former = stored || keysHadIssued ? current : []
        var lines = [issuerURL]
        for url in former where !lines.contains(url) { lines.append(url) }
        let temporary = directory.appendingPathComponent("issuer-url.\(UUID().uuidString)")
        try SignerKeyStore.writeNew(lines.joined(separator: "\n") + "\n", to: temporary, mode: 0o644)
        guard rename(temporary.path, issuerURLFile.path) == 0 else {
            let number = errno
            KeyFile.remove(temporary)
            throw CertificateError(.invalidKeyStore, "cannot replace \(issuerURLFile.path): errno \(number)")
        }
        try? KeyFile.flushDirectory(of: issuerURLFile)
    }

    func keyURL(_ number: Int) -> URL { directory.appendingPathComponent("es256-\(number).key.pem") }

    func keyNumbers() throws -> [Int] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).compactMap(Self.number).sorted()
    }

    /// The number of a key file's name, nil for any other file.
    static func number(_ fileName: String) -> Int? {
        guard fileName.hasPrefix("es256-"), fileName.hasSuffix(".key.pem") else { return nil }
        return Int(fileName.dropFirst("es256-".count).dropLast(".key.pem".count))
    }

    /// What a reload compares to see whether a key was added: the key file names, sorted.
    public func keyFileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { Self.number($0) != nil }.sorted()
    }

    /// A key made by a rotation, written under a name no reader takes up until ``publish(_:)`` renames it.
    public struct NewKey: Sendable {
        public let number: Int
        public let kid: String
        let pending: URL
    }

    /// Writes the next key (mode 0600) under a pending name.
    public func makeKey() throws -> NewKey {
        let number = (try keyNumbers().last ?? 0) + 1
        let key = try P256PrivateKey()
        let pending = directory.appendingPathComponent("es256-\(number).pending")
        try SignerKeyStore.writeNew(key.pemRepresentation, to: pending, mode: 0o600)
        return NewKey(number: number, kid: JSONWebKey(signing: key.publicKey).kid ?? "", pending: pending)
    }

    /// Makes the new key the one that signs: every process reading the folder takes it up at its next check.
    public func publish(_ key: NewKey) throws {
        do throws(KeyFile.Failure) {
            try KeyFile.publish(key.pending, as: keyURL(key.number))
        } catch {
            throw CertificateError(.keysExist, "cannot publish \(error)")
        }
    }

    /// Removes a key that was not published.
    public func discard(_ key: NewKey) {
        KeyFile.remove(key.pending)
    }

    func read(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CertificateError(.invalidKeyStore, "cannot read \(url.path)")
        }
    }
}
