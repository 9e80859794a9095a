import CryptoCore
import Foundation
import TestSupport
import Testing

@testable import Certificates

/// Cards we sign, read back by our verifier, by the project's independent checker (`shc_ref.py`), by third-party
/// code from PyPI (`shc` with python-jose, and `fhir.resources` for FHIR R4), and from their QR codes by zbarimg.
@Suite struct HealthCardIssuingTests {
    static let issuerURL = "https://health.example.bh"
    static let holder = CertificateHolder(
        familyName: "الخليفة", givenName: "محمد", familyNameLatin: "Al Khalifa", givenNameLatin: "Mohammed",
        dateOfBirth: "1988-03-14")

    struct Issued {
        let signer: HealthCardSigner
        let jws: String
        let bundle: JSONValue
    }

    static func issue(lot: String? = "FK1234", notBefore: Int64 = 1_700_000_000) throws -> Issued {
        let fixture = try IssuerFixture()
        let certificate = try fixture.issuer.prepare(try IssuerFixture.payload())
        let signer = try HealthCardSigner(issuerURL: issuerURL, signingKey: try P256PrivateKey())
        let bundle = try HealthCardBundle.make(holder: holder, certificate: certificate, lot: lot)
        let jws = try signer.sign(bundle: bundle, revocationID: "rid-of-the-record", notBefore: notBefore)
        return Issued(signer: signer, jws: jws, bundle: bundle)
    }

    static func verifier(_ issued: Issued, revoking rids: [String] = []) -> HealthCardVerifier {
        let crl = HealthCardRevocationList(kid: issued.signer.key.kid ?? "", ctr: rids.count, rids: rids)
        return HealthCardVerifier(
            issuers: HealthCardIssuerList([
                TrustedHealthCardIssuer(
                    iss: issuerURL, name: "Ministry of Health", keys: [issued.signer.key], crls: [crl])
            ]))
    }

    @Test func ourCardVerifiesAndReadsAsItsDCC() throws {
        let issued = try Self.issue()
        let result = Self.verifier(issued).verify(HealthCardQR.texts(of: issued.jws), at: Date())
        #expect(result.isValid, "\(String(describing: result.error))")
        let payload = try #require(result.healthCertificate?.json)
        #expect(payload["nam"]?["fn"] == .string("Al Khalifa"))
        #expect(payload["nam"]?["fnt"] == .string("AL<KHALIFA"))
        let dose = try #require(payload["v"]?.firstElement)
        #expect(dose["mp"] == .string("EU/1/20/1528"))
        #expect(dose["dn"] == .integer(2) && dose["sd"] == .integer(2))
        let names = try #require(issued.bundle["entry"]?.firstElement?["resource"]?["name"])
        #expect(
            names
                == .array([
                    .object([.init("family", .string("Al Khalifa")), .init("given", .array([.string("Mohammed")]))]),
                    .object([.init("family", .string("الخليفة")), .init("given", .array([.string("محمد")]))]),
                ]))
    }

    @Test func revokedByRecordTimeOnly() throws {
        let issued = try Self.issue(notBefore: 1_700_000_000)
        let texts = HealthCardQR.texts(of: issued.jws)
        let later = Self.verifier(issued, revoking: ["rid-of-the-record.1700000001"]).verify(texts, at: Date())
        #expect(later.error?.code == .revoked)
        let earlier = Self.verifier(issued, revoking: ["rid-of-the-record.1700000000"]).verify(texts, at: Date())
        #expect(earlier.isValid, "a revocation at T leaves a card issued at T valid")
    }

    @Test func theReferenceCheckerAcceptsOurCard() async throws {
        let issued = try Self.issue()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shcref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let wellKnown = folder.appendingPathComponent("issuer/.well-known/crl")
        try FileManager.default.createDirectory(at: wellKnown, withIntermediateDirectories: true)
        var checks = HealthCardChecks()
        let card = try HealthCardJWS.read(Array(issued.jws.utf8), checks: &checks)
        let inflated = try HealthCardDeflate.decompress(
            try #require(Base64URL.decode(issued.jws.split(separator: ".")[1].utf8)))
        #expect(card.claims.minifiedText == inflated)
        let files: [(String, [UInt8])] = [
            ("example-00-c-jws-payload-minified.json", inflated),
            ("example-00-d-jws.txt", Array(issued.jws.utf8)),
            ("example-00-e-file.smart-health-card", HealthCard.file([issued.jws])),
            ("example-00-f-qr-code-numeric-value-0.txt", Array(HealthCardQR.texts(of: issued.jws)[0].utf8)),
            ("issuer/.well-known/jwks.json", Array(try JSONEncoder().encode(JSONWebKeySet(keys: [issued.signer.key])))),
        ]
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let reference = try await ReferenceTools.run("shc_ref.py", [folder.path])
        #expect(reference.status == 0, "\(reference.text)")
        #expect(reference.text.contains("FAILURES: 0"))

        let thirdParty = try await ReferenceTools.run(
            "shc_thirdparty.py",
            [
                folder.appendingPathComponent("example-00-d-jws.txt").path,
                folder.appendingPathComponent("issuer/.well-known/jwks.json").path,
            ])
        #expect(thirdParty.status == 0, "\(thirdParty.text)")
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(thirdParty.text.utf8))
        #expect(summary["iss"] == .string(Self.issuerURL))
        #expect(summary["fhirVersion"] == .string("4.0.1"))
        #expect(summary["resources"] == .array([.string("Patient"), .string("Immunization")]))
    }

    @Test func longCardsAreChunkedAndEveryChunkScansBack() async throws {
        let lot = Hex.encode(SecureRandom.bytes(count: 1_500))
        let issued = try Self.issue(lot: lot)
        let texts = HealthCardQR.texts(of: issued.jws)
        #expect(texts.count > 1)
        #expect(texts.allSatisfy { $0.hasPrefix("shc:/") })
        #expect(Self.verifier(issued).verify(texts.shuffled(), at: Date()).isValid)
        for text in texts {
            let code = try QRCode(healthCard: text)
            #expect(try await Zbarimg.decode(Data(code.pbm()), fileExtension: "pbm") == text)
        }
    }

    /// A chunk's `shc:/i/n/` header takes the room of four JWS characters in a version 22 code, so chunks hold 1191
    /// at most (the spec's limit), while a card of 1195 still fits one code. JWS lengths just past one, two and three
    /// chunks' worth balanced to 1192-1195 characters a chunk, which needed version 23.
    @Test(arguments: [1_195, 1_196, 2_382, 2_383, 2_390, 3_573, 3_574, 3_585])
    func everyCodeOfACardIsVersion22OrLower(length: Int) throws {
        let texts = HealthCardQR.texts(of: String(repeating: "a", count: length))
        #expect(texts.count == (length <= 1_195 ? 1 : (length + 1_190) / 1_191))
        for text in texts {
            let digits = text.split(separator: "/").last?.count ?? 0
            #expect(texts.count == 1 || digits / 2 <= 1_191)
            #expect(try QRCode(healthCard: text).version <= 22)
        }
    }
}
