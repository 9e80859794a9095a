import CryptoCore

/// A rolling proximity identifier (RPI): AES-128(RPIK, PaddedData_j), the 16 bytes a device broadcasts in
/// interval j (EN Cryptography Specification v1.2.1, "Rolling Proximity Identifier").
public struct RollingProximityIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// Identifier length in bytes.
    public static let byteCount = 16
    /// The first six bytes of every padded data block.
    public static let paddingPrefix = Array("EN-RPI".utf8)

    public let bytes: [UInt8]

    /// An identifier from its 16 bytes, as observed over Bluetooth.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw ContactTracingError(.invalidRPI, "an RPI has 16 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// An identifier from 32 hex digits.
    public init(hex: String) throws {
        guard let bytes = Hex.decode(hex) else {
            throw ContactTracingError(.invalidRPI, "an RPI is 32 hex digits")
        }
        try self.init(bytes: bytes)
    }

    /// PaddedData_j = "EN-RPI" ‖ 0x000000000000 ‖ ENIN_j (32-bit little-endian).
    public static func paddedData(for interval: ENIntervalNumber) -> [UInt8] {
        var block = paddingPrefix + [UInt8](repeating: 0, count: 6)
        withUnsafeBytes(of: interval.rawValue.littleEndian) { block.append(contentsOf: $0) }
        return block
    }

    /// RPI_j = AES-128(RPIK, PaddedData_j).
    public static func derive(rpik: [UInt8], interval: ENIntervalNumber) throws -> RollingProximityIdentifier {
        do {
            let encryptor = try AES128Encryptor(key: rpik)
            return RollingProximityIdentifier(unchecked: try encryptor.encryptBlocks(paddedData(for: interval)))
        } catch let error as CryptoError {
            throw ContactTracingError(error.code == .invalidKey ? .invalidKeyLength : .cryptoFailure, error.description)
        }
    }

    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var description: String { Hex.encode(bytes) }
}
