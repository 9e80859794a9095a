import Testing

@testable import Certificates

/// Base45 (RFC 9285 vectors), zlib with its bomb limit, and the HC1 prefix.
@Suite struct HC1TransportTests {
    @Test func base45MatchesRFC9285Examples() throws {
        let examples = [("AB", "BB8"), ("Hello!!", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf!", "QED8WEX0")]
        for (plain, encoded) in examples {
            #expect(Base45.encode(Array(plain.utf8)) == encoded)
            #expect(try Base45.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func base45RoundTripsEveryLength() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 255) }
            #expect(try Base45.decode(Base45.encode(bytes)) == bytes)
        }
    }

    @Test func base45RejectsBadInput() {
        let cases: [(String, CertificateError.Code)] = [
            ("GGW", .base45ValueOverflow), ("ZZ", .base45ValueOverflow), ("A", .base45InvalidLength),
            ("ABCD", .base45InvalidLength), ("ab8", .base45InvalidCharacter), ("BB#", .base45InvalidCharacter),
            ("B\u{00e9}", .base45InvalidCharacter),
        ]
        for (text, code) in cases {
            let error = #expect(throws: CertificateError.self) { try Base45.decode(text) }
            #expect(error?.code == code, "\(text)")
        }
    }

    @Test func zlibRoundTrips() throws {
        let data = (0..<2000).map { UInt8(truncatingIfNeeded: $0 % 97) }
        let compressed = try Zlib.compress(data)
        #expect(compressed.first == 0x78 || compressed.first == 0x58 || compressed.first == 0x48)
        #expect(try Zlib.decompress(compressed) == data)
        #expect(try Zlib.decompress(try Zlib.compress([])) == [])
    }

    @Test func zlibRejectsTruncatedAndGarbage() throws {
        let compressed = try Zlib.compress(Array("a certificate payload".utf8))
        for bad in [
            Array(compressed.dropLast(3)), Array(compressed.prefix(2)), [], [0x78, 0x9C, 0xFF, 0xFF], [1, 2, 3],
        ] {
            #expect(throws: CertificateError(.invalidZlib, "")) { try Zlib.decompress(bad) }
        }
    }

    @Test func zipBombIsRejected() throws {
        let bomb = try Zlib.compress([UInt8](repeating: 0, count: 10_000_000), level: 9)
        #expect(bomb.count < 20_000)
        #expect(throws: CertificateError(.zipBomb, "")) { try Zlib.decompress(bomb) }
        let exact = try Zlib.compress([UInt8](repeating: 1, count: 1000), level: 9)
        #expect(try Zlib.decompress(exact, maximumOutputSize: 1000).count == 1000)
        #expect(throws: CertificateError(.zipBomb, "")) { try Zlib.decompress(exact, maximumOutputSize: 999) }
    }

    @Test func hc1RoundTripsAndChecksPrefix() throws {
        let cose: [UInt8] = [0xD2, 0x84, 0x43, 0xA1, 0x01, 0x26, 0xA0, 0x41, 0x00, 0x41, 0x01]
        let hc1 = try HC1Codec.encode(cose: cose)
        #expect(hc1.hasPrefix("HC1:"))
        #expect(try HC1Codec.decode(hc1) == cose)
        for wrong in ["HC2:" + hc1.dropFirst(4), "hc1:" + hc1.dropFirst(4), String(hc1.dropFirst(4)), "", "HC1"] {
            #expect(throws: CertificateError(.wrongPrefix, "")) { try HC1Codec.decode(wrong) }
        }
    }
}
