import CryptoCore
import Foundation

/// The verification-certificate keys of other operators' verification servers that feed this key server, as
/// public-key PEM files `trusted/ISSUER/KID.pub.pem` (an issuer's `iss`, a key's `kid`). Written once, never
/// overwritten: a key is replaced by trusting a new kid.
extension ExposureKeyStore {
    /// Writes `key` as the key `kid` of `issuer` under a pending name, trusted once published
    /// (``publish(_:)``); nil when that issuer already has a key with that kid. The names must pass
    /// ``isValidTrustName(_:)``.
    func prepareTrust(issuer: String, kid: String, key: P256PublicKey) throws -> PendingKey? {
        let folder = trustedDirectory.appendingPathComponent(issuer, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let published = folder.appendingPathComponent("\(kid).pub.pem")
        guard !FileManager.default.fileExists(atPath: published.path) else { return nil }
        // A valid kid never starts with '.', so no trusted key is ever named like this.
        let pending = folder.appendingPathComponent(".\(kid)\(Self.pendingSuffix)")
        guard try Self.writeNew(key.pemRepresentation, to: pending) else {
            throw ServiceError(
                .keyAlreadyTrusted,
                "Another command is trusting this kid, or one was interrupted and left \(pending.path): once no "
                    + "other runs, remove that file and try again.")
        }
        return PendingKey(version: kid, pending: pending, published: published)
    }

    /// Whether `name` may be an issuer or a kid (it names a file): 1 to 64 letters, digits, `.`, `_` or `-`, not
    /// starting with `.`.
    static func isValidTrustName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && !name.hasPrefix(".")
            && name.utf8.allSatisfy {
                $0.isASCIILetterOrDigit || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
    }

    /// Issuer → kid → key, of every file under `trusted/`.
    func trustedCertificateKeys() throws -> [String: [String: P256PublicKey]] {
        let manager = FileManager.default
        var keys: [String: [String: P256PublicKey]] = [:]
        for issuer in (try? manager.contentsOfDirectory(atPath: trustedDirectory.path)) ?? []
        where Self.isValidTrustName(issuer) {
            let folder = trustedDirectory.appendingPathComponent(issuer, isDirectory: true)
            for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".pub.pem") {
                let file = folder.appendingPathComponent(name)
                guard let text = try? String(contentsOf: file, encoding: .utf8),
                    let key = try? P256PublicKey(pemRepresentation: text)
                else { throw ExposureKeyStoreError("cannot read \(file.path) (a P-256 public key in PEM)") }
                keys[issuer, default: [:]][String(name.dropLast(".pub.pem".count))] = key
            }
        }
        return keys
    }

    private var trustedDirectory: URL { directory.appendingPathComponent("trusted", isDirectory: true) }
}

extension UInt8 {
    fileprivate var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
