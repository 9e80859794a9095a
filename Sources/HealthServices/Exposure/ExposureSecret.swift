import CryptoCore

/// The bearer secrets of the upload flow (verification and revision tokens): 256 random bits in hex, stored
/// only as SHA-256.
package enum ExposureSecret {
    package static func make() -> String {
        Hex.encode(SecureRandom.bytes(count: 32))
    }

    /// The revision token a publish answers with: derived from its certificate and the phone's HMAC secret, so a
    /// resend of the publish (a lost answer) is answered with the same token, and a replay of a captured publish gets
    /// the phone's token rather than one that ends it. Only whoever saw the publish's body knows the secret.
    package static func revisionToken(certificateHash: [UInt8], hmacSecret: [UInt8]) -> String {
        Hex.encode(SHA256.hash(Array("revision-token".utf8) + certificateHash + hmacSecret))
    }

    /// The SHA-256 of the secret's text: what the store keeps and looks up.
    package static func hash(_ secret: String) -> [UInt8] {
        SHA256.hash(Array(secret.utf8))
    }
}
