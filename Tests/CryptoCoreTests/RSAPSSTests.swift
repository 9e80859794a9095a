import CryptoCore
import Testing

/// RSASSA-PSS verification against the Wycheproof vectors in ``RSAPSSVectors``.
@Suite struct RSAPSSTests {
    @Test func wycheproof2048Salt32ValidCaseVerifies() throws {
        let key = try RSAPublicKey(derRepresentation: RSAPSSVectors.key2048)
        #expect(key.bitCount == 2048)
        #expect(key.derRepresentation == RSAPSSVectors.key2048)
        #expect(key.isValidPSSSignature(RSAPSSVectors.salt32Signature, for: RSAPSSVectors.message))
    }

    @Test func wycheproof2048ModifiedHashCaseFails() throws {
        let key = try RSAPublicKey(derRepresentation: RSAPSSVectors.key2048)
        #expect(!key.isValidPSSSignature(RSAPSSVectors.modifiedHashSignature, for: RSAPSSVectors.message))
    }

    // Wycheproof files fix the salt length; we detect it, so a salt-0 signature verifies under the same key too.
    @Test func saltLengthIsDetectedFromTheSignature() throws {
        let key = try RSAPublicKey(derRepresentation: RSAPSSVectors.key2048)
        #expect(key.isValidPSSSignature(RSAPSSVectors.salt0Signature, for: RSAPSSVectors.message))
    }

    @Test func wycheproof3072ValidCaseVerifies() throws {
        let key = try RSAPublicKey(derRepresentation: RSAPSSVectors.key3072)
        #expect(key.bitCount == 3072)
        #expect(key.isValidPSSSignature(RSAPSSVectors.key3072Signature, for: RSAPSSVectors.message))
    }

    @Test func tamperedMessagesAndSignaturesFail() throws {
        let key = try RSAPublicKey(derRepresentation: RSAPSSVectors.key2048)
        var flipped = RSAPSSVectors.salt32Signature
        flipped[100] ^= 0x10
        #expect(!key.isValidPSSSignature(flipped, for: RSAPSSVectors.message))
        #expect(!key.isValidPSSSignature(RSAPSSVectors.salt32Signature, for: Array("123401".utf8)))
        #expect(!key.isValidPSSSignature(Array(RSAPSSVectors.salt32Signature.dropLast()), for: RSAPSSVectors.message))
        #expect(!key.isValidPSSSignature([], for: RSAPSSVectors.message))
        // A signature for the 3072-bit key does not verify under the 2048-bit one.
        #expect(!key.isValidPSSSignature(RSAPSSVectors.key3072Signature, for: RSAPSSVectors.message))
    }

    @Test func nonRSAKeysAreRejected() throws {
        let p256 = try P256PrivateKey().publicKey.derRepresentation
        let error = try #require(throws: CryptoError.self) { try RSAPublicKey(derRepresentation: p256) }
        #expect(error.code == .invalidKey)
    }
}
