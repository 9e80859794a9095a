import CryptoCore
import Testing

@Suite struct HKDFSHA256Tests {
    // RFC 5869 Appendix A.1, test case 1: basic test case with SHA-256.
    @Test func rfc5869Case1() throws {
        let okm = try HKDFSHA256.deriveKey(
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22),
            salt: [UInt8](hex: "000102030405060708090a0b0c"),
            info: [UInt8](hex: "f0f1f2f3f4f5f6f7f8f9"),
            outputByteCount: 42)
        #expect(okm.hex == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }

    // RFC 5869 Appendix A.2, test case 2: longer inputs and outputs (80-byte IKM, salt and info; L = 82).
    @Test func rfc5869Case2() throws {
        let okm = try HKDFSHA256.deriveKey(
            inputKeyMaterial: (0x00...0x4f).map { UInt8($0) },
            salt: (0x60...0xaf).map { UInt8($0) },
            info: (0xb0...0xff).map { UInt8($0) },
            outputByteCount: 82)
        let expected = """
            b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09\
            da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87
            """
        #expect(okm.hex == expected)
    }

    // RFC 5869 Appendix A.3, test case 3: zero-length salt and info.
    @Test func rfc5869Case3EmptySaltMeansZeros() throws {
        let okm = try HKDFSHA256.deriveKey(
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), salt: [], info: [], outputByteCount: 42)
        #expect(okm.hex == "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
        let withZeroSalt = try HKDFSHA256.deriveKey(
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), salt: [UInt8](repeating: 0, count: 32), info: [],
            outputByteCount: 42)
        #expect(withZeroSalt == okm)
    }

    @Test func outputLengthOutsideRFCLimitsIsRejected() {
        for count in [0, -1, 255 * 32 + 1] {
            let error = #expect(throws: CryptoError.self) {
                try HKDFSHA256.deriveKey(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: count)
            }
            #expect(error?.code == .invalidInput)
        }
    }

    @Test func largestOutputIsAllowed() throws {
        let okm = try HKDFSHA256.deriveKey(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: 255 * 32)
        #expect(okm.count == 8160)
    }
}
