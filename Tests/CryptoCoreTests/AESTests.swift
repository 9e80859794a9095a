import CryptoCore
import Testing

@Suite struct AESTests {
    // NIST SP 800-38A, F.1.1 ECB-AES128.Encrypt and F.5.1 CTR-AES128.Encrypt share this key and plaintext.
    static let sp80038AKey = [UInt8](hex: "2b7e151628aed2a6abf7158809cf4f3c")
    static let sp80038APlaintext = [UInt8](
        hex: """
            6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
            30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710
            """)

    // FIPS 197, Appendix C.1: AES-128 (Nk = 4, Nr = 10).
    @Test func singleBlockMatchesFIPS197AppendixC1() throws {
        let encryptor = try AES128Encryptor(key: [UInt8](hex: "000102030405060708090a0b0c0d0e0f"))
        let ciphertext = try encryptor.encryptBlocks([UInt8](hex: "00112233445566778899aabbccddeeff"))
        #expect(ciphertext.hex == "69c4e0d86a7b0430d8cdb78070b4c55a")
    }

    // NIST SP 800-38A, F.1.1 ECB-AES128.Encrypt: four blocks in one call.
    @Test func multipleBlocksMatchSP80038AF11() throws {
        let encryptor = try AES128Encryptor(key: Self.sp80038AKey)
        let ciphertext = try encryptor.encryptBlocks(Self.sp80038APlaintext)
        let expected = [UInt8](
            hex: """
                3ad77bb40d7a3660a89ecaf32466ef97 f5d3d58503b9699de785895a96fdbaaf
                43b1cd7f598ece23881b00e3ed030688 7b0c785e27e8ad3f8223207104725dd4
                """)
        #expect(ciphertext == expected)
    }

    @Test func bufferAPIReKeysWithoutNewEncryptor() throws {
        let encryptor = try AES128Encryptor(key: Self.sp80038AKey)
        let fipsKey = [UInt8](hex: "000102030405060708090a0b0c0d0e0f")
        let input = [UInt8](hex: "00112233445566778899aabbccddeeff")
        var output = [UInt8](repeating: 0, count: 16)
        try fipsKey.withUnsafeBytes { try encryptor.setKey($0) }
        try input.withUnsafeBytes { source in
            try output.withUnsafeMutableBytes { try encryptor.encryptBlocks(source, into: $0) }
        }
        #expect(output.hex == "69c4e0d86a7b0430d8cdb78070b4c55a")

        try Self.sp80038AKey.withUnsafeBytes { try encryptor.setKey($0) }
        #expect(
            try encryptor.encryptBlocks(Array(Self.sp80038APlaintext.prefix(16))).hex
                == "3ad77bb40d7a3660a89ecaf32466ef97")
    }

    @Test func encryptingInPlaceIsAllowed() throws {
        let encryptor = try AES128Encryptor(key: Self.sp80038AKey)
        var blocks = Self.sp80038APlaintext
        try blocks.withUnsafeMutableBytes { buffer in
            try encryptor.encryptBlocks(UnsafeRawBufferPointer(buffer), into: buffer)
        }
        #expect(blocks == (try encryptor.encryptBlocks(Self.sp80038APlaintext)))
    }

    @Test func partialBlocksAndWrongKeysAreRejected() throws {
        #expect(throws: CryptoError(.invalidKey, "")) { try AES128Encryptor(key: [UInt8](repeating: 0, count: 15)) }
        let encryptor = try AES128Encryptor(key: Self.sp80038AKey)
        #expect(throws: CryptoError(.invalidInput, "")) {
            try encryptor.encryptBlocks([UInt8](repeating: 0, count: 17))
        }
        #expect(throws: CryptoError(.invalidKey, "")) {
            try [UInt8](repeating: 0, count: 32).withUnsafeBytes { try encryptor.setKey($0) }
        }
        var small = [UInt8](repeating: 0, count: 16)
        #expect(throws: CryptoError(.invalidInput, "")) {
            try Self.sp80038APlaintext.withUnsafeBytes { source in
                try small.withUnsafeMutableBytes { try encryptor.encryptBlocks(source, into: $0) }
            }
        }
        #expect(try encryptor.encryptBlocks([]).isEmpty)
    }

    // NIST SP 800-38A, F.5.1 CTR-AES128.Encrypt (initial counter f0f1...feff); F.5.2 decrypts with the same call.
    @Test func ctrMatchesSP80038AF51() throws {
        let counter = [UInt8](hex: "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
        let expected = [UInt8](
            hex: """
                874d6191b620e3261bef6864990db6ce 9806f66b7970fdff8617187bb9fffdff
                5ae4df3edbd5d35e5b4f09020db03eab 1e031dda2fbe03d1792170a0f3009cee
                """)
        let ciphertext = try AES128CTR.apply(key: Self.sp80038AKey, iv: counter, to: Self.sp80038APlaintext)
        #expect(ciphertext == expected)
        #expect(try AES128CTR.apply(key: Self.sp80038AKey, iv: counter, to: ciphertext) == Self.sp80038APlaintext)
    }

    @Test func ctrHandlesPartialBlocksAndEmptyInput() throws {
        let counter = [UInt8](hex: "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
        let partial = try AES128CTR.apply(
            key: Self.sp80038AKey, iv: counter, to: Array(Self.sp80038APlaintext.prefix(20)))
        #expect(partial.hex == "874d6191b620e3261bef6864990db6ce9806f66b")
        #expect(try AES128CTR.apply(key: Self.sp80038AKey, iv: counter, to: []).isEmpty)
        #expect(throws: CryptoError(.invalidInput, "")) { try AES128CTR.apply(key: Self.sp80038AKey, iv: [1], to: [1]) }
    }
}
