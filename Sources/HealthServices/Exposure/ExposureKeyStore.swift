import CryptoCore
public import Foundation

/// The key server's keys as PEM files under `DATA/keys/exposure/`: `export-v1.key.pem`,
/// `certificate-v1.key.pem`, …, the verification-code secret as hex in `verification-code.key` (mode 0600,
/// never overwritten), and the certificate keys of other verification servers under `trusted/`.
public struct ExposureKeyStore: Sendable {
    public let directory: URL

    public init(dataDirectory: URL) {
        directory = dataDirectory.appendingPathComponent("keys/exposure", isDirectory: true)
    }

    private static let kinds = ExposureKeyKind.allCases.map(\.rawValue)
    /// The file of the secret ``VerificationCodeKeys`` derive from.
    private static let codeSecretFile = "verification-code.key"

    /// Creates version 1 of each kind of key that has none yet, and the verification-code secret when absent; the
    /// kinds it created.
    @discardableResult
    public func initializeIfAbsent() throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var created: [String] = []
        for kind in Self.kinds where try versions(of: kind).isEmpty {
            let file = directory.appendingPathComponent("\(kind)-v1.key.pem")
            // Another process may create the same file first: then its key is the one used.
            if try Self.writeNew(try P256PrivateKey().pemRepresentation, to: file) { created.append(kind) }
        }
        let secret = Hex.encode(SecureRandom.bytes(count: VerificationCodeKeys.secretByteCount)) + "\n"
        if try Self.writeNew(secret, to: directory.appendingPathComponent(Self.codeSecretFile)) {
            created.append("verification-code")
        }
        return created
    }

    /// A key written under a pending name, which no server takes up until ``publish(_:)`` gives it its own.
    public struct PendingKey: Sendable {
        /// What it is published as: `v2`, … for a rotated key, the kid for a trusted one.
        public let version: String
        let pending: URL
        let published: URL
    }

    /// Writes the next version of `kind` (`export` or `certificate`) under a pending name; once published, running
    /// servers take it up at their next key check. Writing it claims the version: a rotation running at the same
    /// time fails, and one that died before publishing leaves its version unused.
    public func prepareRotation(_ kind: ExposureKeyKind) throws -> PendingKey {
        let taken = try versions(of: kind.rawValue) + versions(of: kind.rawValue, suffix: Self.pendingSuffix)
        let version = (taken.max() ?? 0) + 1
        let pending = directory.appendingPathComponent("\(kind.rawValue)-v\(version)\(Self.pendingSuffix)")
        guard try Self.writeNew(try P256PrivateKey().pemRepresentation, to: pending) else {
            throw ExposureKeyStoreError("\(pending.path) was created by another rotation; try again")
        }
        return PendingKey(
            version: "v\(version)", pending: pending,
            published: directory.appendingPathComponent("\(kind.rawValue)-v\(version).key.pem"))
    }

    /// Gives a pending key its own name: from now on it is in use.
    public func publish(_ key: PendingKey) throws {
        do throws(KeyFile.Failure) {
            try KeyFile.publish(key.pending, as: key.published)
        } catch {
            throw ExposureKeyStoreError("cannot publish \(error)")
        }
    }

    /// Removes a pending key whose audit entry could not be written.
    public func discard(_ key: PendingKey) {
        KeyFile.remove(key.pending)
    }

    static let pendingSuffix = ".pending"

    /// Every key of both kinds, oldest version first.
    public func load() throws -> ExposureKeyRing {
        func keys(_ kind: String) throws -> [ExposureKeyRing.VersionedKey] {
            try versions(of: kind).map { version in
                let file = directory.appendingPathComponent("\(kind)-v\(version).key.pem")
                guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                    throw ExposureKeyStoreError("cannot read \(file.path)")
                }
                return .init(version: "v\(version)", privateKey: try P256PrivateKey(pemRepresentation: text))
            }
        }
        return try ExposureKeyRing(
            exportKeys: keys("export"), certificateKeys: keys("certificate"), codeKeys: try codeKeys(),
            trustedCertificateKeys: try trustedCertificateKeys())
    }

    /// The keys derived from `verification-code.key`.
    private func codeKeys() throws -> VerificationCodeKeys {
        let file = directory.appendingPathComponent(Self.codeSecretFile)
        guard let text = try? String(contentsOf: file, encoding: .utf8),
            let secret = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let keys = try? VerificationCodeKeys(secret: secret)
        else {
            throw ExposureKeyStoreError("cannot read \(file.path) (64 hex digits)")
        }
        return keys
    }

    /// What a reload compares to see whether a key was added: the names of the key files, trusted ones as
    /// `trusted/ISSUER/KID.pub.pem`, sorted.
    public func fileNames() -> [String] {
        let manager = FileManager.default
        let own = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".pem") }
        let trusted = directory.appendingPathComponent("trusted", isDirectory: true)
        let others = ((try? manager.contentsOfDirectory(atPath: trusted.path)) ?? []).flatMap { issuer in
            ((try? manager.contentsOfDirectory(atPath: trusted.appendingPathComponent(issuer).path)) ?? []).map {
                "trusted/\(issuer)/\($0)"
            }
        }
        return (own + others).sorted()
    }

    /// The version numbers of `kind` on disk under names ending in `suffix`, ascending.
    private func versions(of kind: String, suffix: String = ".key.pem") throws -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let prefix = "\(kind)-v"
        return names.compactMap { name in
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            return Int(name.dropFirst(prefix.count).dropLast(suffix.count))
        }.sorted()
    }

    /// Writes a file that must not exist yet (see ``KeyFile``), readable by its owner only; false when it already
    /// exists.
    static func writeNew(_ text: String, to url: URL) throws -> Bool {
        do throws(KeyFile.Failure) {
            try KeyFile.create(KeyFile.Content(text, at: url, mode: 0o600))
            return true
        } catch let failure where failure.fileExists {
            return false
        } catch {
            throw ExposureKeyStoreError("cannot create \(error)")
        }
    }
}

/// The key files are missing, unreadable or incomplete.
public struct ExposureKeyStoreError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The key server's kinds of signing key.
public enum ExposureKeyKind: String, Sendable, CaseIterable {
    /// Signs key export files (apps look it up by region and version).
    case export
    /// Signs verification certificates (kid = version).
    case certificate
}
