import CryptoCore
import Foundation
import Testing

@testable import Certificates

/// Issuing and verifying end to end, and every way a certificate can fail with its own error code.
@Suite struct IssuerVerifierTests {
    let fixture: IssuerFixture

    init() throws { fixture = try IssuerFixture() }

    func expectFailure(
        _ hc1: String, _ code: CertificateError.Code, at date: Date? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let result = fixture.verifier.verify(hc1, at: date ?? fixture.now.addingTimeInterval(60))
        #expect(!result.isValid, sourceLocation: sourceLocation)
        #expect(result.error?.code == code, "\(String(describing: result.error))", sourceLocation: sourceLocation)
    }

    @Test func issuedCertificateVerifies() throws {
        let hc1 = try fixture.issue()
        let result = fixture.verifier.verify(hc1, at: fixture.now.addingTimeInterval(3600))
        #expect(result.isValid, "\(String(describing: result.error))")
        #expect(result.checks.allPassed)
        #expect(result.keyID == Array(fixture.dsc.sha256Fingerprint.prefix(8)))
        #expect(result.country == "BH")
        #expect(result.type == .vaccination)
        #expect(result.issuedAt == fixture.now)
        #expect(result.expiresAt == fixture.now.addingTimeInterval(30 * 86_400))
        let name = try #require(result.healthCertificate?.json["nam"])
        #expect(name["fnt"] == .string("AL<SAYED"))
        #expect(name["gnt"] == .string("FATIMA<ZAHRA"))
        let uvci = try #require(result.healthCertificate?.certificateIdentifier)
        #expect(uvci.hasPrefix("URN:UVCI:01:BH:") && UVCI.hasValidChecksum(uvci))
    }

    /// A payload whose name no ICAO 9303 table covers needs its `fnt`/`gnt` given; a given one is kept.
    @Test func preparingRefusesANameWithoutStandardisedForm() throws {
        let greek = IssuerFixture.vaccinationJSON.replacingOccurrences(
            of: "\"fn\":\"Al-Sayed\"", with: "\"fn\":\"Παπαδάκη\"")
        #expect(throws: CertificateError(.nameNeedsLatinForm, "")) {
            try fixture.issuer.prepare(IssuerFixture.payload(greek))
        }
        let withLatin = greek.replacingOccurrences(
            of: "\"fn\":\"Παπαδάκη\"", with: "\"fn\":\"Παπαδάκη\",\"fnt\":\"PAPADAKI\"")
        let prepared = try fixture.issuer.prepare(IssuerFixture.payload(withLatin))
        #expect(
            prepared.json["nam"]?["fnt"] == .string("PAPADAKI")
                && prepared.json["nam"]?["gnt"] == .string("FATIMA<ZAHRA"))
    }

    @Test func issuedCOSEHasTheHcertLayout() throws {
        let cose = try COSESign1(decoding: IssuerFixture.cose(of: try fixture.issue()))
        #expect(cose.algorithm == .es256)
        #expect(cose.protectedHeader.contains { $0.key == 4 })
        #expect(cose.signature.count == 64)
        let claims = try CWTClaims(decoding: cose.payload)
        #expect(claims.issuer == "BH")
        #expect(CBOREncoder.encode(try CBORDecoder().decode(cose.payload)) == cose.payload)
    }

    @Test func transportFailures() throws {
        let hc1 = try fixture.issue()
        expectFailure("HC2:" + hc1.dropFirst(4), .wrongPrefix)
        expectFailure("hc1:" + hc1.dropFirst(4), .wrongPrefix)
        expectFailure(String(hc1.dropFirst(4)), .wrongPrefix)
        expectFailure("HC1:" + hc1.dropFirst(4).replacingOccurrences(of: "A", with: "a"), .base45InvalidCharacter)
        expectFailure("HC1:" + hc1.dropFirst(4).dropLast(1), .base45InvalidLength)
        let compressed = try Base45.decode(String(hc1.dropFirst(4)))
        expectFailure("HC1:" + Base45.encode(Array(compressed.dropLast(4))), .invalidZlib)
        expectFailure("HC1:" + Base45.encode([0x78, 0x9C, 1, 2, 3, 4, 5]), .invalidZlib)
        let bomb = try Zlib.compress([UInt8](repeating: 0, count: 1_000_000), level: 9)
        expectFailure("HC1:" + Base45.encode(bomb), .zipBomb)
    }

    @Test func structureFailures() throws {
        let payload = try fixture.claimsPayload()
        let protected = fixture.protectedES256
        expectFailure(
            try IssuerFixture.hc1(cose: [0xD2, 0x9B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            .cborLengthOverflow)
        expectFailure(try IssuerFixture.hc1(cose: [UInt8](repeating: 0x81, count: 500) + [0]), .cborTooDeep)
        expectFailure(
            try IssuerFixture.hc1(cose: fixture.signedCOSE(protected: protected, payload: payload, tags: [98])),
            .wrongTag)
        let threeParts = CBOREncoder.encode(
            .tagged(18, .array([.byteString(protected), .map([]), .byteString(payload)])))
        expectFailure(try IssuerFixture.hc1(cose: threeParts), .wrongArraySize)
        let noKid = CBOREncoder.encode(.map([.init(key: 1, value: -7)]))
        expectFailure(try IssuerFixture.hc1(cose: fixture.signedCOSE(protected: noKid, payload: payload)), .missingKid)
        let duplicate = [0xA3, 0x01, 0x26, 0x04, 0x48] + fixture.issuer.keyID + [0x04, 0x41, 0x00]
        expectFailure(
            try IssuerFixture.hc1(cose: fixture.signedCOSE(protected: duplicate, payload: payload)), .duplicateHeader)
        let es384 = CBOREncoder.encode(
            .map([.init(key: 1, value: -35), .init(key: 4, value: .byteString(fixture.issuer.keyID))]))
        expectFailure(
            try IssuerFixture.hc1(cose: fixture.signedCOSE(protected: es384, payload: payload)), .unknownAlgorithm)
        let unknownKid = CBOREncoder.encode(
            .map([.init(key: 1, value: -7), .init(key: 4, value: .byteString([1, 2, 3, 4, 5, 6, 7, 8]))]))
        expectFailure(
            try IssuerFixture.hc1(cose: fixture.signedCOSE(protected: unknownKid, payload: payload)), .unknownKid)
        let hugeInPayload: [UInt8] = [0xA1, 0x01, 0x7B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        expectFailure(
            try IssuerFixture.hc1(cose: fixture.signedCOSE(protected: protected, payload: hugeInPayload)),
            .cborLengthOverflow)
    }

    @Test func acceptedMessageForms() throws {
        let payload = try fixture.claimsPayload()
        let at = fixture.now.addingTimeInterval(60)
        for tags: [UInt64] in [[], [61, 18]] {
            let hc1 = try IssuerFixture.hc1(
                cose: fixture.signedCOSE(protected: fixture.protectedES256, payload: payload, tags: tags))
            #expect(fixture.verifier.verify(hc1, at: at).isValid)
        }
        let algOnly = CBOREncoder.encode(.map([.init(key: 1, value: -7)]))
        let unprotectedKid = try IssuerFixture.hc1(
            cose: fixture.signedCOSE(
                protected: algOnly, unprotected: [.init(key: 4, value: .byteString(fixture.issuer.keyID))],
                payload: payload))
        #expect(fixture.verifier.verify(unprotectedKid, at: at).isValid)
    }

    @Test func tamperingIsDetected() throws {
        let cose = try IssuerFixture.cose(of: try fixture.issue())
        var flippedSignature = cose
        flippedSignature[flippedSignature.count - 5] ^= 0x01
        expectFailure(try IssuerFixture.hc1(cose: flippedSignature), .signatureInvalid)
        let message = try COSESign1(decoding: cose)
        let offset = try #require(
            cose.indices.first { Array(cose[$0..<$0 + message.payload.count]) == message.payload })
        var flippedPayload = cose
        let nameOffset = try #require(
            message.payload.indices.first { Array(message.payload[$0...].prefix(8)) == Array("Al-Sayed".utf8) })
        flippedPayload[offset + nameOffset] ^= 0x02
        expectFailure(try IssuerFixture.hc1(cose: flippedPayload), .signatureInvalid)
        let shortSignature = CBOREncoder.encode(
            .tagged(
                18,
                .array([
                    .byteString(fixture.protectedES256), .map([]), .byteString(message.payload),
                    .byteString(Array(message.signature.prefix(62))),
                ])))
        expectFailure(try IssuerFixture.hc1(cose: shortSignature), .signatureInvalid)
    }

    @Test func validityWindow() throws {
        let hc1 = try fixture.issue()
        expectFailure(hc1, .notYetValid, at: fixture.now.addingTimeInterval(-1))
        expectFailure(hc1, .expired, at: fixture.now.addingTimeInterval(30 * 86_400 + 1))
        #expect(fixture.verifier.verify(hc1, at: fixture.now).isValid)
        #expect(fixture.verifier.verify(hc1, at: fixture.now.addingTimeInterval(30 * 86_400)).isValid)
        let expired = fixture.verifier.verify(hc1, at: fixture.now.addingTimeInterval(40 * 86_400))
        #expect(expired.checks.signature == true && expired.checks.expiry == false && expired.checks.schema == true)
    }

    /// A certificate is no better than its signer's own certificate: outside the DSC's validity the expiry check
    /// fails, as on the verifier page.
    @Test func signerCertificateMustBeInForce() throws {
        let now = fixture.now
        let endsSoon = try IssuerFixture(
            dscValidity: now.addingTimeInterval(-86_400)...now.addingTimeInterval(10 * 86_400))
        let hc1 = try endsSoon.issue()
        #expect(endsSoon.verifier.verify(hc1, at: now.addingTimeInterval(10 * 86_400)).isValid)
        let afterSigner = endsSoon.verifier.verify(hc1, at: now.addingTimeInterval(10 * 86_400 + 1))
        #expect(afterSigner.error?.code == .expired)
        #expect(afterSigner.checks.signature == true && afterSigner.checks.expiry == false)
        let startsLater = try IssuerFixture(dscValidity: now.addingTimeInterval(3600)...now.addingTimeInterval(86_400))
        #expect(startsLater.verifier.verify(try startsLater.issue(), at: now).error?.code == .notYetValid)
    }

    @Test func keyUsageRestrictsTypes() throws {
        let testOnly = try IssuerFixture(keyUsages: ["1.3.6.1.4.1.1847.2021.1.1"])
        let result = testOnly.verifier.verify(try testOnly.issue(), at: testOnly.now)
        #expect(result.error?.code == .keyUsageMismatch)
        #expect(result.checks.signature == true && result.checks.keyUsage == false)
        let noDCCUsage = try IssuerFixture(keyUsages: ["1.3.6.1.5.5.7.3.2"])
        #expect(noDCCUsage.verifier.verify(try noDCCUsage.issue(), at: noDCCUsage.now).isValid)
    }

    @Test func severalSignersMayShareAKid() throws {
        let other = try IssuerFixture()
        var list = TrustList(signers: [TrustedSigner(certificate: other.dsc, keyID: fixture.issuer.keyID)])
        list.add(TrustedSigner(certificate: fixture.dsc))
        #expect(list.signers(for: fixture.issuer.keyID).count == 2)
        let result = CertificateVerifier(trustList: list).verify(try fixture.issue(), at: fixture.now)
        #expect(result.isValid)
        let wrongOnly = CertificateVerifier(
            trustList: TrustList(signers: [TrustedSigner(certificate: other.dsc, keyID: fixture.issuer.keyID)]))
        #expect(wrongOnly.verify(try fixture.issue(), at: fixture.now).error?.code == .signatureInvalid)
    }

    @Test func schemaViolationIsTheLastCheck() throws {
        let bad = IssuerFixture.vaccinationJSON.replacingOccurrences(of: "\"dn\":2", with: "\"dn\":0")
        let certificate = HealthCertificate(json: try IssuerFixture.payload(bad))
        #expect(throws: CertificateError(.schemaViolation, "")) {
            try fixture.issuer.prepare(try IssuerFixture.payload(bad))
        }
        let hc1 = try fixture.issuer.issue(certificate, issuedAt: fixture.now, validity: 86_400)
        let result = fixture.verifier.verify(hc1, at: fixture.now)
        #expect(result.error?.code == .schemaViolation)
        #expect(result.checks.signature == true && result.checks.schema == false)
    }

    @Test func resultJSONHasTheContractShape() throws {
        let result = fixture.verifier.verify(try fixture.issue(), at: fixture.now)
        let object = try #require(try JSONSerialization.jsonObject(with: result.jsonData()) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "valid", "verdict", "error", "checks", "kid", "country", "type", "issuedAt", "expiresAt", "payload",
                "rules",
            ])
        #expect(object["valid"] as? Bool == true)
        #expect(object["error"] is NSNull)
        #expect(object["type"] as? String == "v")
        #expect(object["issuedAt"] as? String == "2023-11-14T22:13:20Z")
        #expect(object["kid"] as? String == Data(fixture.issuer.keyID).base64EncodedString())
        let checks = try #require(object["checks"] as? [String: Any])
        #expect(
            Set(checks.keys) == [
                "prefix", "base45", "decompress", "cose", "kid", "signature", "expiry", "keyUsage", "schema",
                "valueSets", "revocation",
            ])
        #expect(checks["revocation"] is NSNull)
        let failed = fixture.verifier.verify("HC2:XYZ", at: fixture.now)
        let failedObject = try #require(try JSONSerialization.jsonObject(with: failed.jsonData()) as? [String: Any])
        #expect(failedObject["error"] as? String == "wrong-prefix")
        #expect((failedObject["checks"] as? [String: Any])?["base45"] is NSNull)
        #expect(failedObject["payload"] is NSNull)
        let decoded = try JSONDecoder().decode(VerificationResult.self, from: result.jsonData())
        #expect(decoded.checks == result.checks && decoded.keyID == result.keyID)
        #expect(try decoded.jsonData() == result.jsonData())
    }
}

/// The pooled signer the issuer uses makes signatures the key's public half verifies, from many threads.
@Suite struct PooledSignerTests {
    @Test func signaturesVerifyAcrossThreads() async throws {
        let key = try P256PrivateKey()
        let signer = try P256Signer(privateKey: key)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let message = Array("message \(index)".utf8)
                    guard let signature = try? signer.signature(for: message) else { return false }
                    return key.publicKey.isValidSignature(signature, for: message)
                        && !key.publicKey.isValidSignature(signature, for: message + [0])
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }
}

/// Inputs the fuzzer found: extreme CWT times must fail verification, not trap.
@Suite struct FuzzRegressionTests {
    @Test func timesBeyondFourDigitYearsAreUnusable() throws {
        let fixture = try IssuerFixture()
        let hcert = CBORValue.map([.init(key: "ver", value: "1.3.0")])
        for extreme in [CBORValue.float(-1.3e128), .float(1e300), .negative(UInt64.max), .unsigned(UInt64.max)] {
            let claims = CBOREncoder.encode(
                .map([
                    .init(key: 4, value: extreme), .init(key: 6, value: 1_600_000_000),
                    .init(key: -260, value: .map([.init(key: 1, value: hcert)])),
                ]))
            let hc1 = try IssuerFixture.hc1(
                cose: fixture.signedCOSE(protected: fixture.protectedES256, payload: claims))
            let result = fixture.verifier.verify(hc1, at: fixture.now)
            #expect(result.checks.expiry == false)
            #expect(result.expiresAt == nil)
            _ = try result.jsonData()
        }
        #expect(JSONValue(cbor: .tagged(1, .float(-1e300))) == .string("0000-01-01T00:00:00Z"))
        #expect(JSONValue(cbor: .tagged(1, .float(1e300))) == .string("9999-12-31T23:59:59Z"))
    }
}
