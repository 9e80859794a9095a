import CryptoCore
import Testing

/// RFC 5869 Appendix A (test cases 1–3, SHA-256) through the reusable expander.
@Suite struct HKDFSHA256ExpanderTests {
    private static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    @Test func rfc5869TestCase1() throws {
        let expander = try HKDFSHA256Expander(salt: Array(0x00...0x0c), info: Array(0xf0...0xf9))
        let okm = try expander.deriveKey(inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), outputByteCount: 42)
        #expect(
            okm == Self.bytes("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"))
    }

    @Test func rfc5869TestCase2LongSaltIsHashedFirst() throws {
        let expander = try HKDFSHA256Expander(salt: Array(0x60...0xaf), info: Array(0xb0...0xff))
        let okm = try expander.deriveKey(inputKeyMaterial: Array(0x00...0x4f), outputByteCount: 82)
        #expect(
            okm
                == Self.bytes(
                    "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87"))
    }

    @Test func rfc5869TestCase3EmptySaltAndInfo() throws {
        let expander = try HKDFSHA256Expander(salt: [], info: [])
        let okm = try expander.deriveKey(inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), outputByteCount: 42)
        #expect(
            okm == Self.bytes("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"))
    }

    @Test func reuseGivesTheSameResultAsAFreshExpander() throws {
        let shared = try HKDFSHA256Expander(salt: [], info: Array("EN-RPIK".utf8))
        for seed in UInt8(0)..<8 {
            let ikm = [UInt8](repeating: seed, count: 16)
            let fresh = try HKDFSHA256Expander(salt: [], info: Array("EN-RPIK".utf8))
            #expect(
                try shared.deriveKey(inputKeyMaterial: ikm, outputByteCount: 16)
                    == fresh.deriveKey(inputKeyMaterial: ikm, outputByteCount: 16))
        }
    }

    @Test func unsafeBufferVariantWritesInPlace() throws {
        let expander = try HKDFSHA256Expander(salt: [], info: [])
        let ikm = [UInt8](repeating: 0x0b, count: 22)
        var output = [UInt8](repeating: 0, count: 42)
        try ikm.withUnsafeBytes { source in
            try output.withUnsafeMutableBytes { try expander.deriveKey(inputKeyMaterial: source, into: $0) }
        }
        #expect(
            output == Self.bytes("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
        )
    }

    @Test func outputLengthOutsideTheRFCBoundIsRejected() throws {
        let expander = try HKDFSHA256Expander(salt: [], info: [])
        let tooLong = try #require(throws: CryptoError.self) {
            try expander.deriveKey(inputKeyMaterial: [1, 2, 3], outputByteCount: 255 * 32 + 1)
        }
        #expect(tooLong.code == .invalidInput)
        let empty = try #require(throws: CryptoError.self) {
            try expander.deriveKey(inputKeyMaterial: [1, 2, 3], outputByteCount: 0)
        }
        #expect(empty.code == .invalidInput)
    }
}
