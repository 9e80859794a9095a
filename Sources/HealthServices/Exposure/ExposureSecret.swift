import CryptoCore

/// The bearer secrets of the upload flow (verification and revision tokens): 256 random bits in hex, stored
/// only as SHA-256.
package enum ExposureSecret {
    package static func make() -> String {
        Hex.encode(SecureRandom.bytes(count: 32))
    }

    /// The SHA-256 of the secret's text: what the store keeps and looks up.
    package static func hash(_ secret: String) -> [UInt8] {
        SHA256.hash(Array(secret.utf8))
    }
}
