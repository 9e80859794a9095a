import CryptoCore

/// A temporary exposure key (TEK): 16 random bytes a device uses for one rolling period (EN Cryptography
/// Specification v1.2.1, "Temporary Exposure Key").
public struct TemporaryExposureKey: Hashable, Sendable {
    /// Key length in bytes.
    public static let byteCount = 16
    /// HKDF info for the rolling proximity identifier key.
    public static let rpikInfo = Array("EN-RPIK".utf8)
    /// HKDF info for the associated encrypted metadata key.
    public static let aemkInfo = Array("EN-AEMK".utf8)

    public let keyData: [UInt8]

    /// A key from its 16 bytes.
    public init(keyData: [UInt8]) throws {
        guard keyData.count == Self.byteCount else {
            throw ContactTracingError(.invalidKeyLength, "a TEK has 16 bytes, got \(keyData.count)")
        }
        self.keyData = keyData
    }

    /// A fresh key from the system's secure random source.
    public static func generate() -> TemporaryExposureKey {
        TemporaryExposureKey(unchecked: SecureRandom.bytes(count: byteCount))
    }

    private init(unchecked keyData: [UInt8]) {
        self.keyData = keyData
    }

    /// RPIK = HKDF-SHA256(TEK, salt: none, info: "EN-RPIK", 16).
    public func rollingProximityIdentifierKey() throws -> [UInt8] {
        try Self.derive(keyData, info: Self.rpikInfo)
    }

    /// AEMK = HKDF-SHA256(TEK, salt: none, info: "EN-AEMK", 16).
    public func associatedEncryptedMetadataKey() throws -> [UInt8] {
        try Self.derive(keyData, info: Self.aemkInfo)
    }

    private static func derive(_ key: [UInt8], info: [UInt8]) throws -> [UInt8] {
        do {
            return try HKDFSHA256.deriveKey(inputKeyMaterial: key, salt: [], info: info, outputByteCount: 16)
        } catch let error as CryptoError {
            throw ContactTracingError(.cryptoFailure, error.description)
        }
    }
}
