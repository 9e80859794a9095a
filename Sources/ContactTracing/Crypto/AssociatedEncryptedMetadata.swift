import CryptoCore

/// Associated encrypted metadata (AEM): AES-128-CTR(AEMK, IV = RPI, metadata), sent beside the RPI
/// (EN Cryptography Specification v1.2.1, "Associated Encrypted Metadata").
public struct AssociatedEncryptedMetadata: Hashable, Sendable, CustomStringConvertible {
    /// Length in bytes (that of the Bluetooth metadata).
    public static let byteCount = BluetoothMetadata.byteCount

    public let bytes: [UInt8]

    /// Encrypted metadata from its 4 bytes, as observed.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw ContactTracingError(.invalidAEM, "an AEM has 4 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Encrypted metadata from 8 hex digits.
    public init(hex: String) throws {
        guard let bytes = Hex.decode(hex) else {
            throw ContactTracingError(.invalidAEM, "an AEM is 8 hex digits")
        }
        try self.init(bytes: bytes)
    }

    /// Encrypts `metadata` for the advertisement carrying `rpi`.
    public static func encrypt(
        _ metadata: BluetoothMetadata, aemk: [UInt8], rpi: RollingProximityIdentifier
    ) throws -> AssociatedEncryptedMetadata {
        AssociatedEncryptedMetadata(unchecked: try apply(aemk: aemk, rpi: rpi, to: metadata.bytes))
    }

    /// Decrypts the metadata of the advertisement that carried `rpi` (CTR decryption is encryption).
    public func decrypt(aemk: [UInt8], rpi: RollingProximityIdentifier) throws -> BluetoothMetadata {
        try BluetoothMetadata(bytes: try Self.apply(aemk: aemk, rpi: rpi, to: bytes))
    }

    private init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static func apply(aemk: [UInt8], rpi: RollingProximityIdentifier, to data: [UInt8]) throws -> [UInt8] {
        do {
            return try AES128CTR.apply(key: aemk, iv: rpi.bytes, to: data)
        } catch let error as CryptoError {
            throw ContactTracingError(error.code == .invalidKey ? .invalidKeyLength : .cryptoFailure, error.description)
        }
    }

    public var description: String { Hex.encode(bytes) }
}
