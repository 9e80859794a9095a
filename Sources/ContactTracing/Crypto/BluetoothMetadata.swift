/// The 4 bytes of metadata a device encrypts into its advertisement (EN Bluetooth Specification v1.2):
/// byte 0 is the version (major in bits 7–6, minor in bits 5–4), byte 1 the transmit power in dBm as a signed
/// byte, bytes 2–3 reserved.
public struct BluetoothMetadata: Hashable, Sendable {
    /// Metadata length in bytes.
    public static let byteCount = 4

    public let bytes: [UInt8]

    /// Metadata from its 4 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw ContactTracingError(.invalidMetadata, "metadata has 4 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Version 1.0 metadata with `transmitPower` dBm and zero reserved bytes.
    public init(transmitPower: Int8) {
        bytes = [0x40, UInt8(bitPattern: transmitPower), 0, 0]
    }

    /// The major version (bits 7–6 of byte 0).
    public var majorVersion: Int { Int(bytes[0] >> 6) }
    /// The minor version (bits 5–4 of byte 0).
    public var minorVersion: Int { Int((bytes[0] >> 4) & 0x03) }
    /// Calibrated transmit power in dBm (byte 1, signed).
    public var transmitPower: Int { Int(Int8(bitPattern: bytes[1])) }
}
