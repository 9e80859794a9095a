import CryptoCore
import Testing

@Suite struct PublicKeyTests {
    @Test func p256KeysAreRecognised() throws {
        let key = try P256PrivateKey().publicKey
        #expect(try PublicKey(derRepresentation: key.derRepresentation) == .p256(key))
    }

    @Test func rsaKeysAreRecognised() throws {
        let key = try PublicKey(derRepresentation: RSAPSSVectors.key3072)
        guard case .rsa(let rsa) = key else {
            Issue.record("expected an RSA key, got \(key)")
            return
        }
        #expect(rsa.bitCount == 3072)
    }

    // A P-384 key generated with `openssl ecparam -name secp384r1 -genkey`: verifiers must see the curve, so that
    // an ES256 label on it is rejected.
    @Test func p384KeysAreUnsupportedAndNamed() throws {
        let der = [UInt8](
            hex: """
                3076301006072a8648ce3d020106052b81040022036200049a9a676bf4376904b6d07eb8a76056d435c7449ab4cd124012d0cd\
                6993926dfb20b113b8dc9d14e1d1e0deb9833d257398016aeff64f07110cb19cb27b1399ead097701c8d03aa3a5ebecf417af1\
                77218c3fc4d4da22c446bdb030c079914bf1
                """)
        #expect(try PublicKey(derRepresentation: der) == .unsupported("EC secp384r1"))
    }

    // RFC 8032 section 7.1 TEST 1 public key, in the RFC 8410 SubjectPublicKeyInfo form.
    @Test func ed25519KeysAreUnsupportedAndNamed() throws {
        let der = [UInt8](
            hex: "302a300506032b6570032100 d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        #expect(try PublicKey(derRepresentation: der) == .unsupported("Ed25519"))
    }

    @Test func garbageIsRejected() {
        #expect(throws: CryptoError(.invalidKey, "")) {
            try PublicKey(derRepresentation: [0x30, 0x03, 0x02, 0x01, 0x00])
        }
        #expect(throws: CryptoError(.invalidKey, "")) { try PublicKey(derRepresentation: []) }
    }
}
