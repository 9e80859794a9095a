import CryptoCore

/// What keeps exposure verification codes out of the health database in clear. The database holds a code's
/// HMAC-SHA256, to find and check it (and to keep open codes unique), and, while the code is open and has an owner
/// to show it to, a copy sealed with AES-256-GCM. Both keys are derived (HKDF-SHA256) from one secret kept in the
/// data directory's keys (`keys/exposure/verification-code.key`), never in a database: a reader of the databases
/// alone can neither read a code nor test a guess.
public struct VerificationCodeKeys: Sendable {
    private let hashKey: [UInt8]
    private let sealKey: [UInt8]

    /// The secret's length.
    public static let secretByteCount = 32

    /// The keys derived from `secret` (32 bytes).
    public init(secret: [UInt8]) throws {
        guard secret.count == Self.secretByteCount else {
            throw CryptoError(.invalidKey, "the verification-code secret is 32 bytes, got \(secret.count)")
        }
        func derive(_ purpose: String) throws -> [UInt8] {
            try HKDFSHA256.deriveKey(
                inputKeyMaterial: secret, salt: [], info: Array("exposure verification code \(purpose)".utf8),
                outputByteCount: 32)
        }
        hashKey = try derive("hmac-sha256")
        sealKey = try derive("aes-256-gcm")
    }

    /// Keys from a fresh secret held in memory (for in-memory storage and tests).
    public static func generate() throws -> VerificationCodeKeys {
        try VerificationCodeKeys(secret: SecureRandom.bytes(count: secretByteCount))
    }

    /// The code's HMAC-SHA256: what the health database keeps and looks codes up by.
    public func hash(_ code: String) -> [UInt8] {
        HMACSHA256.authenticationCode(for: Array(code.utf8), key: hashKey)
    }

    /// The code sealed for its owner's eyes, bound to its hash (the additional data) so that it cannot be moved
    /// to another code's row.
    public func seal(_ code: String, hash: [UInt8]) throws -> [UInt8] {
        try AES256GCM.seal(Array(code.utf8), key: sealKey, authenticating: hash)
    }

    /// The code a sealed copy holds; throws when the copy is not one ``seal(_:hash:)`` made for `hash`.
    public func open(_ sealed: [UInt8], hash: [UInt8]) throws -> String {
        String(decoding: try AES256GCM.open(sealed, key: sealKey, authenticating: hash), as: UTF8.self)
    }
}
