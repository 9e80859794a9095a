import CryptoCore
import Testing

@Suite struct ECDSAP256Tests {
    // RFC 6979 Appendix A.2.5 (ECDSA, 256 bits, prime field): the key pair.
    static let rfc6979PublicKey = [UInt8](
        hex: """
            04 60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6
               7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299
            """)
    // The same private key (x = c9afa9d8...) as SEC 1 DER, PEM-armoured by `openssl ec`.
    static let rfc6979PrivateKeyPEM = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIMmvqdhFunUWa1whV2ex1pNOUMPbNuibEnuKYisSD2choAoGCCqGSM49
        AwEHoUQDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Z5A/4QCLi8
        maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==
        -----END EC PRIVATE KEY-----
        """
    // RFC 6979 A.2.5, "With SHA-256, message = 'sample'": r || s (both with the high bit set).
    static let sampleSignature = [UInt8](
        hex: """
            efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716
            f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8
            """)
    // The same signature as DER: both INTEGERs need a leading zero byte.
    static let sampleSignatureDER = [UInt8](
        hex: """
            3046 022100 efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716
                 022100 f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8
            """)
    // RFC 6979 A.2.5, "With SHA-256, message = 'test'": s starts 0x01, so it needs no padding in DER.
    static let testSignature = [UInt8](
        hex: """
            f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367
            019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083
            """)

    @Test func rfc6979SampleVerifiesInRawAndDERForm() throws {
        let key = try P256PublicKey(x963Representation: Self.rfc6979PublicKey)
        let raw = try ECDSASignature(rawRepresentation: Self.sampleSignature)
        let der = try ECDSASignature(derRepresentation: Self.sampleSignatureDER)
        #expect(raw == der)
        #expect(raw.derRepresentation == Self.sampleSignatureDER)
        #expect(der.rawRepresentation == Self.sampleSignature)
        #expect(key.isValidSignature(raw, for: Array("sample".utf8)))
        #expect(key.isValidSignature(der, for: Array("sample".utf8)))
    }

    @Test func rfc6979TestMessageVerifiesAndRoundTripsThroughDER() throws {
        let key = try P256PublicKey(x963Representation: Self.rfc6979PublicKey)
        let signature = try ECDSASignature(rawRepresentation: Self.testSignature)
        #expect(signature.derRepresentation.count == 2 + 35 + 34)
        #expect(try ECDSASignature(derRepresentation: signature.derRepresentation) == signature)
        #expect(key.isValidSignature(signature, for: Array("test".utf8)))
        #expect(!key.isValidSignature(signature, for: Array("sample".utf8)))
    }

    @Test func aFlippedBitFailsVerification() throws {
        let key = try P256PublicKey(x963Representation: Self.rfc6979PublicKey)
        for bit in [0, 100, 255, 256, 511] {
            var raw = Self.sampleSignature
            raw[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!key.isValidSignature(try ECDSASignature(rawRepresentation: raw), for: Array("sample".utf8)))
        }
        #expect(
            !key.isValidSignature(
                try ECDSASignature(rawRepresentation: Self.sampleSignature), for: Array("samplf".utf8)))
    }

    @Test func sec1PrivateKeyImportYieldsTheRFCPublicKeyAndSigns() throws {
        let privateKey = try P256PrivateKey(pemRepresentation: Self.rfc6979PrivateKeyPEM)
        #expect(privateKey.publicKey.x963Representation == Self.rfc6979PublicKey)
        let message = Array("border crossing".utf8)
        let signature = try privateKey.signature(for: message)
        #expect(try P256PublicKey(x963Representation: Self.rfc6979PublicKey).isValidSignature(signature, for: message))
    }

    @Test func generateSignVerify() throws {
        let privateKey = try P256PrivateKey()
        let message = SecureRandom.bytes(count: 300)
        let signature = try privateKey.signature(for: message)
        #expect(signature.rawRepresentation.count == 64)
        #expect(privateKey.publicKey.isValidSignature(signature, for: message))
        #expect(!(try P256PrivateKey()).publicKey.isValidSignature(signature, for: message))
    }

    @Test func privateKeyRoundTripsThroughPKCS8DERAndPEM() throws {
        let original = try P256PrivateKey()
        let pem = original.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let fromPEM = try P256PrivateKey(pemRepresentation: pem)
        let fromDER = try P256PrivateKey(derRepresentation: original.derRepresentation)
        #expect(fromPEM.publicKey == original.publicKey)
        #expect(fromDER.derRepresentation == original.derRepresentation)
        let message = Array("round trip".utf8)
        #expect(original.publicKey.isValidSignature(try fromPEM.signature(for: message), for: message))
    }

    @Test func publicKeyRoundTripsThroughDERPEMAndX963() throws {
        let key = try P256PrivateKey().publicKey
        #expect(key.derRepresentation.count == 91)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try P256PublicKey(derRepresentation: key.derRepresentation) == key)
        #expect(try P256PublicKey(pemRepresentation: key.pemRepresentation) == key)
        #expect(try P256PublicKey(x963Representation: key.x963Representation) == key)
        #expect(Set([key, try P256PublicKey(derRepresentation: key.derRepresentation)]).count == 1)
    }

    @Test func malformedKeysAreRejected() throws {
        var offCurve = Self.rfc6979PublicKey
        offCurve[64] ^= 1
        for bytes in [offCurve, Array(Self.rfc6979PublicKey.prefix(33)), [0x05] + Self.rfc6979PublicKey.dropFirst()] {
            let error = try #require(throws: CryptoError.self) { try P256PublicKey(x963Representation: bytes) }
            #expect(error.code == .invalidKey)
        }
        let trailing = try P256PublicKey(x963Representation: Self.rfc6979PublicKey).derRepresentation + [0]
        #expect(throws: CryptoError(.invalidKey, "")) { try P256PublicKey(derRepresentation: trailing) }
        #expect(throws: CryptoError(.invalidKey, "")) { try P256PublicKey(pemRepresentation: "not PEM") }
        #expect(throws: CryptoError(.invalidKey, "")) { try P256PrivateKey(derRepresentation: [0x30, 0x00]) }
        #expect(throws: CryptoError(.invalidKey, "")) {
            try P256PrivateKey(pemRepresentation: (try P256PrivateKey()).publicKey.pemRepresentation)
        }
    }

    // A P-384 key generated with `openssl ecparam -name secp384r1 -genkey`.
    @Test func keysOnOtherCurvesAreRejected() throws {
        let p384 = """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEmppna/Q3aQS20H64p2BW1DXHRJq0zRJA
            EtDNaZOSbfsgsRO43J0U4dHg3rmDPSVzmAFq7/ZPBxEMsZyyexOZ6tCXcByNA6o6
            Xr7PQXrxdyGMP8TU2iLERr2wMMB5kUvx
            -----END PUBLIC KEY-----
            """
        let error = try #require(throws: CryptoError.self) { try P256PublicKey(pemRepresentation: p384) }
        #expect(error.code == .invalidKey)
        #expect(error.reason.contains("secp384r1"))
    }

    // The private half of that P-384 key, as `openssl pkcs8 -topk8 -nocrypt` writes it; a throwaway test key.
    @Test func privateKeysOnOtherCurvesAreRejected() throws {
        let p384 = """
            -----BEGIN PRIVATE KEY-----
            MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDA15Jd/vIlshiM69ydf
            LdwL2i8dd1nS1amUv4XJiABcyB0Xy36zW3LJ9wQfq4CYJnGhZANiAASammdr9Ddp
            BLbQfrinYFbUNcdEmrTNEkAS0M1pk5Jt+yCxE7jcnRTh0eDeuYM9JXOYAWrv9k8H
            EQyxnLJ7E5nq0JdwHI0Dqjpevs9BevF3IYw/xNTaIsRGvbAwwHmRS/E=
            -----END PRIVATE KEY-----
            """
        let error = try #require(throws: CryptoError.self) { try P256PrivateKey(pemRepresentation: p384) }
        #expect(error.code == .invalidKey)
        #expect(error.reason.contains("secp384r1"))
    }

    // The RFC 6979 key encrypted by `openssl ec -aes128`: encrypted PEM is refused outright, never prompted for.
    @Test func encryptedPEMIsRejected() throws {
        let encrypted = """
            -----BEGIN EC PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: AES-128-CBC,3D32D5891A9C6E76DAC4F70A109B4A00

            jFESc1eS7tdFJDy1GsUXKypFihGm5c/okiQXqD+YBC8/MaThnF2rQt7xbt9XFe+O
            oc82bk0unWSLEgczW1qYUTyhcXWWUuduu85L/zQuWoC1BA+hdzvnMsPrV4a6PsvU
            T6jW0OpPuYf/Z99S9dT4XQUM610TIslB27lWJecLnAU=
            -----END EC PRIVATE KEY-----
            """
        let error = try #require(throws: CryptoError.self) { try P256PrivateKey(pemRepresentation: encrypted) }
        #expect(error.code == .invalidKey)
        #expect(error.reason.contains("encrypted"))
    }

    @Test func malformedSignaturesAreRejected() {
        #expect(throws: CryptoError(.invalidInput, "")) {
            try ECDSASignature(rawRepresentation: [UInt8](repeating: 1, count: 63))
        }
        #expect(throws: CryptoError(.invalidInput, "")) { try ECDSASignature(derRepresentation: [0x30, 0x02, 0x02]) }
        #expect(throws: CryptoError(.invalidInput, "")) {
            try ECDSASignature(derRepresentation: Self.sampleSignatureDER + [0])
        }
        // r is 33 significant bytes: too large for P-256.
        let oversized = [UInt8](hex: "3027 022201" + String(repeating: "11", count: 33) + "020101")
        #expect(throws: CryptoError(.invalidInput, "")) { try ECDSASignature(derRepresentation: oversized) }
    }

    @Test func zeroScalarsEncodeAsOneByteIntegers() throws {
        let zero = try ECDSASignature(rawRepresentation: [UInt8](repeating: 0, count: 64))
        #expect(zero.derRepresentation.hex == "3006020100020100")
        let key = try P256PublicKey(x963Representation: Self.rfc6979PublicKey)
        #expect(!key.isValidSignature(zero, for: Array("sample".utf8)))
    }

    @Test func verificationIsSafeFromManyTasksAtOnce() async throws {
        let privateKey = try P256PrivateKey()
        let publicKey = privateKey.publicKey
        let message = Array("concurrent".utf8)
        let good = try privateKey.signature(for: message)
        let bad = try ECDSASignature(rawRepresentation: good.rawRepresentation.map { $0 ^ 0x01 })
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    publicKey.isValidSignature(index % 2 == 0 ? good : bad, for: message) == (index % 2 == 0)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
