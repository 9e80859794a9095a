import CryptoCore

/// The bearer secrets of the upload flow, stored only as SHA-256: verification tokens are 256 random bits in hex;
/// revision tokens are derived (``revisionToken(certificateHash:hmacSecret:)``), as secret as the phone's HMAC key.
package enum ExposureSecret {
    package static func make() -> String {
        Hex.encode(SecureRandom.bytes(count: 32))
    }

    /// The revision token a publish answers with: derived from its certificate and the phone's HMAC secret, so a
    /// resend of the publish (a lost answer) is answered with the same token, and a replay of a captured publish gets
    /// the phone's token rather than one that ends it. Only whoever saw the publish's body knows the secret, which a
    /// phone draws at random (one that chose a short one would make its token guessable from the stored certificate
    /// hash).
    package static func revisionToken(certificateHash: [UInt8], hmacSecret: [UInt8]) -> String {
        Hex.encode(SHA256.hash(Array("revision-token".utf8) + certificateHash + hmacSecret))
    }

    /// The SHA-256 of the secret's text: what the store keeps and looks up.
    package static func hash(_ secret: String) -> [UInt8] {
        SHA256.hash(Array(secret.utf8))
    }
}
