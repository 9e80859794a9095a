import CryptoCore
import Foundation
import TestSupport
import Testing

@testable import Certificates

/// DCC revocation: the three hash types over the right bytes, the verifier's `revocation` step, and batches made,
/// written and read in the DCC gateway's JSON form.
@Suite struct RevocationTests {
    let fixture: IssuerFixture
    let hc1: String
    let subject: RevocationSubject

    init() throws {
        fixture = try IssuerFixture()
        hc1 = try fixture.issue()
        subject = try RevocationSubject(hc1String: hc1)
    }

    var verifyTime: Date { fixture.now.addingTimeInterval(60) }

    func verifier(_ list: RevocationList?) -> CertificateVerifier {
        CertificateVerifier(trustList: fixture.trustList, revocationList: list)
    }

    func first16OfSHA256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(bytes).prefix(16)) }

    @Test func hashesAreTakenOverTheSpecifiedBytes() throws {
        let uvci = try #require(subject.certificateIdentifier)
        #expect(uvci.hasPrefix("URN:UVCI:01:BH:"))
        #expect(subject.keyID == fixture.issuer.keyID && subject.country == "BH" && subject.algorithm == .es256)
        #expect(subject.expiresAt == fixture.now.addingTimeInterval(30 * 86_400))
        let signature = try COSESign1(decoding: IssuerFixture.cose(of: hc1)).signature
        #expect(subject.signature == signature && signature.count == 64)
        #expect(subject.revocationHash(.uci) == first16OfSHA256(Array(uvci.utf8)))
        #expect(subject.revocationHash(.countryCodeUCI) == first16OfSHA256(Array("BH\(uvci)".utf8)))
        #expect(subject.revocationHash(.signature) == first16OfSHA256(Array(signature[..<32])))
        var withoutUVCI = subject
        withoutUVCI.certificateIdentifier = nil
        #expect(withoutUVCI.revocationHash(.uci) == nil && withoutUVCI.revocationHash(.countryCodeUCI) == nil)
        var withoutCountry = subject
        withoutCountry.country = nil
        #expect(withoutCountry.revocationHash(.countryCodeUCI) == nil && withoutCountry.revocationHash(.uci) != nil)
    }

    /// A PS256 certificate from dgc-testdata (CH/2DCode/raw/1.json): its SIGNATURE hash covers all 256 bytes.
    @Test func psSignatureHashCoversTheWholeSignature() throws {
        let prefix = try #require(try TestDataLocation.dccCase("CH/2DCode/raw/1.json")["PREFIX"] as? String)
        let swiss = try RevocationSubject(hc1String: prefix)
        #expect(swiss.algorithm == .ps256 && swiss.signature.count == 256)
        #expect(swiss.revocationHash(.signature) == first16OfSHA256(swiss.signature))
        #expect(swiss.revocationHash(.signature) != first16OfSHA256(Array(swiss.signature[..<128])))
    }

    /// The same three hashes computed by Python (hashlib, cbor2, base45) from the HC1 strings alone.
    @Test func hashesAgreeWithAnIndependentImplementation() async throws {
        let swiss = try #require(try TestDataLocation.dccCase("CH/2DCode/raw/1.json")["PREFIX"] as? String)
        let script = """
            import sys, json, hashlib, zlib, base45, cbor2
            out = []
            for hc1 in sys.argv[1:]:
                message = cbor2.loads(zlib.decompress(base45.b45decode(hc1[4:])))
                while isinstance(message, cbor2.CBORTag):
                    message = message.value
                protected = cbor2.loads(message[0]) if message[0] else {}
                alg = protected.get(1, dict(message[1]).get(1))
                claims = cbor2.loads(message[2])
                hcert = claims[-260][1]
                ci = next(hcert[g][0]["ci"] for g in ("v", "t", "r") if g in hcert)
                signature = message[3]
                signed = signature[: len(signature) // 2] if alg == -7 else signature
                digest = lambda data: hashlib.sha256(data).digest()[:16].hex()
                out.append({"UCI": digest(ci.encode()), "COUNTRYCODEUCI": digest((claims[1] + ci).encode()),
                            "SIGNATURE": digest(signed)})
            print(json.dumps(out))
            """
        let run = try await ChildProcess(ReferenceTools.python, ["-c", script, hc1, swiss]).run()
        #expect(run.status == 0)
        let expected = try JSONDecoder().decode([[String: String]].self, from: run.standardOutput)
        let subjects = [subject, try RevocationSubject(hc1String: swiss)]
        #expect(expected.count == 2)
        for (subject, hashes) in zip(subjects, expected) {
            for type in RevocationHashType.allCases {
                #expect(subject.revocationHash(type)?.hexString == hashes[type.rawValue], "\(type)")
            }
        }
    }

    @Test func revokedCertificateFailsForEachHashType() throws {
        for type in RevocationHashType.allCases {
            let list = try RevocationList(revokingHC1Strings: [hc1], hashTypes: [type])
            #expect(list.batches.count == 1 && list.batches[0].hashType == type)
            let result = verifier(list).verify(hc1, at: verifyTime)
            #expect(!result.isValid && result.error?.code == .revoked, "\(type)")
            #expect(result.checks.revocation == false && !result.checks.allPassed)
            #expect(result.checks.stepsBeforeRevocationPassed, "\(type)")
            #expect(list.revocation(of: subject) == type)
        }
    }

    @Test func unrevokedCertificatePasses() throws {
        let other = try fixture.issue()
        let list = try RevocationList(revokingHC1Strings: [other])
        #expect(list.batches.count == 3)
        let result = verifier(list).verify(hc1, at: verifyTime)
        #expect(result.isValid && result.error == nil && result.checks.revocation == true && result.checks.allPassed)
        #expect(verifier(list).verify(other, at: verifyTime).error?.code == .revoked)
    }

    @Test func batchForAnotherKidDoesNotMatch() throws {
        let revoking = try RevocationList(revokingHC1Strings: [hc1])
        let otherKid: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let moved = try revoking.batches.map { batch in
            try RevocationBatch(
                country: batch.country, expires: batch.expires, keyID: otherKid, hashType: batch.hashType,
                hashes: batch.hashes)
        }
        let result = verifier(RevocationList(batches: moved)).verify(hc1, at: verifyTime)
        #expect(result.isValid && result.checks.revocation == true)
        let uciHash = try #require(subject.revocationHash(.uci))
        let unknownKid = try RevocationBatch(
            country: "BH", expires: fixture.now, keyID: nil, hashType: .uci, hashes: [uciHash])
        let wildcard = verifier(RevocationList(batches: [unknownKid])).verify(hc1, at: verifyTime)
        #expect(wildcard.error?.code == .revoked)
    }

    @Test func withoutAListTheStepIsNotRun() throws {
        let result = fixture.verifier.verify(hc1, at: verifyTime)
        #expect(result.isValid && result.checks.revocation == nil && result.checks.allPassed)
        let object = try #require(try JSONSerialization.jsonObject(with: result.jsonData()) as? [String: Any])
        let checks = try #require(object["checks"] as? [String: Any])
        #expect(checks.count == 11 && checks["revocation"] is NSNull && object["valid"] as? Bool == true)
        let revoked = verifier(try RevocationList(revokingHC1Strings: [hc1])).verify(hc1, at: verifyTime)
        let revokedObject = try #require(try JSONSerialization.jsonObject(with: revoked.jsonData()) as? [String: Any])
        #expect(revokedObject["error"] as? String == "revoked" && revokedObject["valid"] as? Bool == false)
        #expect((revokedObject["checks"] as? [String: Any])?["revocation"] as? Bool == false)
        #expect(try JSONDecoder().decode(VerificationResult.self, from: revoked.jsonData()).checks == revoked.checks)
    }

    @Test func revocationIsNotRunAfterAnEarlierFailure() throws {
        let list = try RevocationList(revokingHC1Strings: [hc1])
        let expired = verifier(list).verify(hc1, at: fixture.now.addingTimeInterval(31 * 86_400))
        #expect(expired.error?.code == .expired && expired.checks.revocation == nil)
        let unknown = CertificateVerifier(trustList: TrustList(), revocationList: list).verify(hc1, at: verifyTime)
        #expect(unknown.error?.code == .unknownKid && unknown.checks.revocation == nil)
    }
}
