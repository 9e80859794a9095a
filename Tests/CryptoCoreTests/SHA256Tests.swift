import CryptoCore
import Testing

@Suite struct SHA256Tests {
    // FIPS 180-2, Appendix B.1: SHA-256 of the one-block message "abc".
    @Test func abcMatchesFIPS180Vector() {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    // FIPS 180-2, Appendix B.2: the two-block message "abcdbcdecdefdefg...nopq".
    @Test func twoBlockMessageMatchesFIPS180Vector() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hash(message).hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func rawBufferAndArrayAgree() {
        let message = SecureRandom.bytes(count: 1000)
        let viaBuffer = message.withUnsafeBytes { SHA256.hash($0) }
        #expect(viaBuffer == SHA256.hash(message))
    }

    @Test func emptyInputHasTheKnownDigest() {
        // FIPS 180-4 SHA-256 of the empty string, as listed in NIST's example values.
        #expect(SHA256.hash([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(UnsafeRawBufferPointer(start: nil, count: 0)) == SHA256.hash([]))
    }
}
