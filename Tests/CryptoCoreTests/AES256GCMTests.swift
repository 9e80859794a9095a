import Testing

@testable import CryptoCore

/// Known answers from McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", appendix B (the test
/// cases NIST's GCM validation also uses), test cases 13, 14 and 16 (AES-256).
@Suite struct AES256GCMTests {
    @Test func emptyPlaintextMatchesTestCase13() throws {
        let box = try AES256GCM.seal(
            [], key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12), authenticating: [])
        #expect(Array(box.dropFirst(12)).hex == "530f8afbc74536b9a963b4f1c4cb738b")
    }

    @Test func oneBlockMatchesTestCase14() throws {
        let box = try AES256GCM.seal(
            [UInt8](repeating: 0, count: 16), key: [UInt8](repeating: 0, count: 32),
            nonce: [UInt8](repeating: 0, count: 12), authenticating: [])
        #expect(Array(box.dropFirst(12)).hex == "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919")
    }

    static let case16Key = [UInt8](hex: "feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308")
    static let case16AdditionalData = [UInt8](hex: "feedfacedeadbeeffeedfacedeadbeefabaddad2")
    static let case16Plaintext = [UInt8](
        hex: """
            d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72
            1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b39
            """)
    static let case16Box = [UInt8](
        hex: """
            cafebabefacedbaddecaf888
            522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa
            8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662
            76fc6ece0f4e1768cddf8853bb2d551b
            """)

    @Test func additionalDataMatchesTestCase16() throws {
        let box = try AES256GCM.seal(
            Self.case16Plaintext, key: Self.case16Key, nonce: Array(Self.case16Box.prefix(12)),
            authenticating: Self.case16AdditionalData)
        #expect(box == Self.case16Box)
        #expect(
            try AES256GCM.open(box, key: Self.case16Key, authenticating: Self.case16AdditionalData)
                == Self.case16Plaintext)
    }

    @Test func aChangedByteOtherDataOrAnotherKeyIsRefused() throws {
        var tampered = Self.case16Box
        tampered[20] ^= 1
        var otherKey = Self.case16Key
        otherKey[0] ^= 1
        for (box, key, data) in [
            (tampered, Self.case16Key, Self.case16AdditionalData), (Self.case16Box, Self.case16Key, []),
            (Self.case16Box, otherKey, Self.case16AdditionalData),
            (Array(Self.case16Box.prefix(27)), Self.case16Key, []),
        ] {
            let error = #expect(throws: CryptoError.self) { try AES256GCM.open(box, key: key, authenticating: data) }
            #expect(error?.code == .invalidInput)
        }
    }

    @Test func freshNoncesMakeDifferentBoxesThatOpen() throws {
        let key = SecureRandom.bytes(count: 32)
        let first = try AES256GCM.seal(Array("0123456789".utf8), key: key)
        let second = try AES256GCM.seal(Array("0123456789".utf8), key: key)
        #expect(first != second && first.count == 12 + 10 + 16)
        #expect(try AES256GCM.open(second, key: key) == Array("0123456789".utf8))
    }
}
