import Testing

@testable import Certificates

/// CBOR decoding and deterministic encoding, pinned to the RFC 8949 Appendix A examples.
@Suite struct CBORTests {
    /// (hex, value) pairs from RFC 8949 Appendix A that are already in deterministic form.
    static let vectors: [(String, CBORValue)] = [
        ("00", 0), ("01", 1), ("0a", 10), ("17", 23), ("1818", 24), ("1864", 100), ("1903e8", 1000),
        ("1a000f4240", 1_000_000), ("1b000000e8d4a51000", 1_000_000_000_000),
        ("1bffffffffffffffff", .unsigned(UInt64.max)), ("3bffffffffffffffff", .negative(UInt64.max)),
        ("20", -1), ("29", -10), ("3863", -100), ("3903e7", -1000),
        ("f90000", .float(0)), ("f93c00", .float(1)), ("fb3ff199999999999a", .float(1.1)),
        ("f93e00", .float(1.5)), ("f97bff", .float(65504)), ("fa47c35000", .float(100_000)),
        ("fa7f7fffff", .float(3.4028234663852886e+38)), ("fb7e37e43c8800759c", .float(1.0e+300)),
        ("f90001", .float(5.960464477539063e-8)), ("f90400", .float(0.00006103515625)), ("f9c400", .float(-4)),
        ("fbc010666666666666", .float(-4.1)), ("f97c00", .float(.infinity)), ("f9fc00", .float(-.infinity)),
        ("f4", .boolean(false)), ("f5", .boolean(true)), ("f6", .null), ("f7", .undefined), ("f0", .simple(16)),
        ("f8ff", .simple(255)), ("c074323031332d30332d32315432303a30343a30305a", .tagged(0, "2013-03-21T20:04:00Z")),
        ("c11a514b67b0", .tagged(1, 1_363_896_240)),
        (
            "d82076687474703a2f2f7777772e6578616d706c652e636f6d",
            .tagged(32, "http://www.example.com")
        ), ("40", .byteString([])), ("4401020304", .byteString([1, 2, 3, 4])),
        ("60", ""), ("6161", "a"), ("6449455446", "IETF"), ("62225c", "\"\\"), ("62c3bc", "\u{00fc}"),
        ("63e6b0b4", "\u{6c34}"), ("64f0908591", "\u{10151}"), ("80", .array([])), ("83010203", .array([1, 2, 3])),
        ("8301820203820405", .array([1, .array([2, 3]), .array([4, 5])])),
        ("a0", .map([])), ("a201020304", .map([.init(key: 1, value: 2), .init(key: 3, value: 4)])),
        ("a26161016162820203", .map([.init(key: "a", value: 1), .init(key: "b", value: .array([2, 3]))])),
    ]

    @Test func appendixAVectorsDecode() throws {
        for (hex, expected) in Self.vectors {
            #expect(try CBORDecoder().decode([UInt8](hex: hex)) == expected, "\(hex)")
        }
    }

    @Test func appendixAVectorsEncodeDeterministically() {
        for (hex, value) in Self.vectors {
            #expect(CBOREncoder.encode(value).hexString == hex, "\(hex)")
        }
    }

    @Test func indefiniteLengthItemsDecode() throws {
        let decoder = CBORDecoder()
        #expect(try decoder.decode([UInt8](hex: "5f42010243030405ff")) == .byteString([1, 2, 3, 4, 5]))
        #expect(try decoder.decode([UInt8](hex: "7f657374726561646d696e67ff")) == "streaming")
        #expect(
            try decoder.decode([UInt8](hex: "9f018202039f0405ffff")) == .array([1, .array([2, 3]), .array([4, 5])]))
        #expect(
            try decoder.decode([UInt8](hex: "bf6346756ef563416d7421ff"))
                == .map([.init(key: "Fun", value: .boolean(true)), .init(key: "Amt", value: -2)]))
    }

    @Test func mapKeysAreSortedByEncodedBytes() {
        let value = CBORValue.map([
            .init(key: -260, value: 1), .init(key: "a", value: 2), .init(key: 4, value: 3), .init(key: 1, value: 4),
        ])
        #expect(CBOREncoder.encode(value).hexString == "a40104040339010301616102")
    }

    @Test func hugeDeclaredLengthIsRejectedBeforeAllocating() {
        for hex in ["5bffffffffffffffff00", "7a7fffffff61", "9b00000000ffffffff01", "ba0000ffff0102"] {
            #expect(throws: CertificateError(.cborLengthOverflow, "")) { try CBORDecoder().decode([UInt8](hex: hex)) }
        }
    }

    @Test func deepNestingIsRejected() {
        let nested = [UInt8](repeating: 0x81, count: 100) + [0x00]
        #expect(throws: CertificateError(.cborTooDeep, "")) { try CBORDecoder().decode(nested) }
        let tags = [UInt8](repeating: 0xC1, count: 100) + [0x00]
        #expect(throws: CertificateError(.cborTooDeep, "")) { try CBORDecoder().decode(tags) }
        let indefinite = [UInt8](repeating: 0x9F, count: 100)
        #expect(throws: CertificateError(.cborTooDeep, "")) { try CBORDecoder().decode(indefinite) }
    }

    @Test func tooManyItemsAreRejected() {
        let array = [0x99, 0x13, 0x88] + [UInt8](repeating: 0, count: 5000)
        #expect(throws: CertificateError(.cborTooManyItems, "")) { try CBORDecoder().decode(array) }
    }

    @Test func malformedItemsThrowSpecificErrors() {
        let cases: [(String, CertificateError.Code)] = [
            ("", .cborTruncated), ("18", .cborTruncated), ("1a0000", .cborTruncated), ("83 01 02", .cborLengthOverflow),
            ("9f 01", .cborTruncated), ("1c", .cborInvalidEncoding), ("ff", .cborInvalidEncoding),
            ("1f", .cborInvalidEncoding), ("f818", .cborInvalidEncoding), ("5f 61 61 ff", .cborInvalidEncoding),
            ("5f 5f ff ff", .cborInvalidEncoding), ("62 c3 28", .cborInvalidUTF8), ("01 02", .cborTrailingBytes),
            ("df 00", .cborInvalidEncoding), ("44 01 02", .cborLengthOverflow),
        ]
        for (hex, code) in cases {
            let error = #expect(throws: CertificateError.self) { try CBORDecoder().decode([UInt8](hex: hex)) }
            #expect(error?.code == code, "\(hex): \(String(describing: error))")
        }
    }

    @Test func roundTripOfNestedStructure() throws {
        let value = CBORValue.tagged(
            18,
            .array([
                .byteString([0xA1, 0x01, 0x26]), .map([.init(key: 4, value: .byteString([1, 2, 3, 4, 5, 6, 7, 8]))]),
                .byteString(Array(repeating: 7, count: 300)), .byteString(Array(repeating: 9, count: 64)),
            ]))
        #expect(try CBORDecoder().decode(CBOREncoder.encode(value)) == value)
    }
}

/// Deterministic CBOR written straight from JSON equals encoding the converted value.
@Suite struct CBORFromJSONTests {
    @Test func directEncodingMatchesConvertedValue() throws {
        let json = try IssuerFixture.payload()
        var direct: [UInt8] = []
        CBOREncoder.append(json: json, to: &direct)
        #expect(direct == CBOREncoder.encode(json.cbor))
        var mixed: [UInt8] = []
        let value = JSONValue.object([
            .init("bb", .number(1.5)), .init("a", .integer(-3)), .init("ccc", .array([.null, .bool(true)])),
            .init("b", .string("\u{00e9}")), .init(String(repeating: "k", count: 30), .number(2)),
        ])
        CBOREncoder.append(json: value, to: &mixed)
        #expect(mixed == CBOREncoder.encode(value.cbor))
    }
}
