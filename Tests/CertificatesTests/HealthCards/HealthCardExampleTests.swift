import Foundation
import Testing

@testable import Certificates

/// The four official SMART Health Cards examples, checked by our verifier with their issuer's keys and CRL.
@Suite struct HealthCardExampleTests {
    @Test(arguments: ["00", "01", "02"])
    func exampleVerifies(_ number: String) throws {
        let result = try HealthCardFixtures.verifier().verify(
            try HealthCardFixtures.qrTexts(number), at: HealthCardFixtures.now)
        #expect(result.error == nil)
        #expect(result.isValid)
        #expect(result.checks.signature == true && result.checks.issuer == true && result.checks.fhir == true)
        #expect(result.checks.revocation == (number == "01" ? nil : true), "the CRL is of the first key only")
        #expect(result.issuerURL == HealthCardFixtures.specIssuer)
    }

    @Test func chunksVerifyInAnyOrder() throws {
        let texts = try HealthCardFixtures.qrTexts("02")
        #expect(texts.count == 3)
        let result = try HealthCardFixtures.verifier().verify(texts.reversed(), at: HealthCardFixtures.now)
        #expect(result.isValid)
        let missing = try HealthCardFixtures.verifier().verify(Array(texts.prefix(2)), at: HealthCardFixtures.now)
        #expect(missing.error?.code == .invalidChunks)
        #expect(missing.checks.chunks == false && missing.checks.prefix == true && missing.checks.numeric == true)
    }

    @Test func revokedExampleIsRevoked() throws {
        let result = try HealthCardFixtures.verifier().verify(
            try HealthCardFixtures.qrTexts("03"), at: HealthCardFixtures.now)
        #expect(result.error?.code == .revoked)
        #expect(result.checks.revocation == false)
        #expect(result.checks.signature == true)
        #expect(result.verdict == .invalid)
        #expect(result.checks.nbf == false, "example 03 also expired in 2024; revoked is what is reported")
        let withinItsYear = Date(timeIntervalSince1970: 1_690_000_000)
        let withoutList = try HealthCardFixtures.verifier(withCRL: false).verify(
            try HealthCardFixtures.qrTexts("03"), at: withinItsYear)
        #expect(withoutList.isValid)
        #expect(withoutList.checks.revocation == nil)
    }

    /// One issuer's revocation lists from two sources (ours and a directory's older snapshot of it) are joined: the
    /// card stays revoked whichever is read last.
    @Test func revocationListsOfOneKeyFromTwoSourcesAreJoined() throws {
        let revoking = try HealthCardFixtures.issuer()
        var stale = revoking
        stale.crls = stale.crls.map { HealthCardRevocationList(kid: $0.kid, ctr: 0, rids: []) }
        for order in [[revoking, stale], [stale, revoking]] {
            let result = HealthCardVerifier(issuers: HealthCardIssuerList(order)).verify(
                try HealthCardFixtures.qrTexts("03"), at: HealthCardFixtures.now)
            #expect(result.error?.code == .revoked && result.checks.revocation == false)
        }
    }

    @Test(arguments: ["00", "01", "02", "03"])
    func oneChangedCharacterFailsTheSignature(_ number: String) throws {
        let jws = try HealthCardFixtures.text("example-\(number)-d-jws.txt")
        let result = try HealthCardFixtures.verifier().verify(
            HealthCardFixtures.tampered(jws), at: HealthCardFixtures.now)
        #expect(result.error?.code == .signatureInvalid)
        #expect(result.checks.signature == false)
    }

    @Test func examplesAreReadAsTheFilesSay() throws {
        for number in HealthCardFixtures.examples {
            let texts = try HealthCardFixtures.qrTexts(number)
            let jws = try HealthCardFixtures.text("example-\(number)-d-jws.txt")
            var checks = HealthCardChecks()
            let card = try HealthCardJWS.read(Array(jws.utf8), checks: &checks)
            let minified = try Data(
                contentsOf: HealthCardFixtures.file("example-\(number)-c-jws-payload-minified.json"))
            #expect(card.claims == (try JSONValue(parsing: minified)))
            #expect(card.claims.minifiedText == Array(minified), "read in order, written back byte for byte")
            #expect(HealthCardQR.texts(of: jws) == texts, "our numeric encoding and chunking equal the spec's")
        }
    }

    @Test func unknownIssuerIsReportedBeforeTheKid() throws {
        let verifier = HealthCardVerifier(issuers: HealthCardIssuerList([]))
        let result = verifier.verify(try HealthCardFixtures.qrTexts("00"), at: HealthCardFixtures.now)
        #expect(result.error?.code == .unknownIssuer)
        #expect(result.checks.issuer == false && result.checks.kid == nil && result.checks.signature == nil)
    }

    @Test func kidIsTheThumbprint() throws {
        for key in try HealthCardFixtures.jwks().keys {
            #expect(key.thumbprint == key.kid)
            _ = try key.publicKey()
        }
    }

    @Test func vaccinationCardReadsAsDCCFields() throws {
        let result = try HealthCardFixtures.verifier().verify(
            try HealthCardFixtures.qrTexts("00"), at: HealthCardFixtures.now)
        let payload = try #require(result.healthCertificate?.json)
        #expect(payload["nam"]?["fn"] == .string("Anyperson"))
        #expect(payload["nam"]?["gn"] == .string("John B."))
        #expect(payload["nam"]?["fnt"] == .string("ANYPERSON"))
        #expect(payload["dob"] == .string("1951-01-20"))
        let dose = try #require(payload["v"]?.firstElement)
        #expect(dose["mp"] == .string("EU/1/20/1507"), "CVX 229 is Moderna's bivalent Spikevax")
        #expect(dose["dn"] == .integer(3))
        #expect(dose["sd"] == .integer(3))
        #expect(dose["dt"] == .string("2022-09-05"))
        #expect(dose["ma"] == .string("ORG-100031184"))
    }

    /// A card's influenza shot is no dose of the COVID-19 course: one Comirnaty dose after it is dose 1 of 2, not
    /// a finished course of two.
    @Test func otherVaccinesAreNoDosesOfTheCourse() throws {
        func immunization(_ cvx: String, _ date: String) -> String {
            #"{"resource":{"resourceType":"Immunization","status":"completed","occurrenceDateTime":"\#(date)","#
                + #""vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"\#(cvx)"}]}}}"#
        }
        let bundle = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(
                (#"{"resourceType":"Bundle","entry":["# + immunization("141", "2021-09-01") + ","
                    + immunization("208", "2021-10-01") + "]}").utf8))
        let payload = try HealthCardDCCPayload.make(bundle, issuerName: "Issuer", country: "US", rid: nil).json
        let dose = try #require(payload["v"]?.firstElement)
        #expect(dose["mp"] == .string("EU/1/20/1528") && dose["dn"] == .integer(1) && dose["sd"] == .integer(2))
        #expect(dose["dt"] == .string("2021-10-01"))

        let fluOnly = try JSONDecoder().decode(
            JSONValue.self,
            from: Data((#"{"resourceType":"Bundle","entry":["# + immunization("141", "2021-09-01") + "]}").utf8))
        #expect(try HealthCardDCCPayload.make(fluOnly, issuerName: "Issuer", country: "US", rid: nil).json["v"] == nil)
    }

    /// A card's test result is its latest completed SARS-CoV-2 test, by the instant it was taken: an
    /// `entered-in-error` result, a later written time that is earlier in UTC, and a later antibody test do not
    /// replace it. (`test_health_cards.py` checks the page reads the same bundles the same way.)
    @Test(arguments: [
        (
            [
                ("94500-6", "10828004", "final", "2026-03-10T10:00:00Z"),
                ("94500-6", "260385009", "entered-in-error", "2026-03-11T10:00:00Z"),
            ], "LP6464-4", "260373001"
        ),
        (
            [
                ("94500-6", "10828004", "final", "2026-03-10T23:00:00-05:00"),
                ("94500-6", "260385009", "final", "2026-03-11T02:00:00+00:00"),
            ], "LP6464-4", "260373001"
        ),
        (
            [
                ("94500-6", "260385009", "final", "2026-03-10T10:00:00Z"),
                ("94563-4", "10828004", "final", "2026-03-12T10:00:00Z"),
            ], "LP6464-4", "260415000"
        ),
    ])
    func aCardsTestResultIsItsLatestCompletedCovidTest(
        _ observations: [(String, String, String, String)], _ testType: String, _ result: String
    ) throws {
        let entries = observations.map { loinc, snomed, status, taken in
            #"{"resource":{"resourceType":"Observation","status":"\#(status)","effectiveDateTime":"\#(taken)","#
                + #""code":{"coding":[{"system":"http://loinc.org","code":"\#(loinc)"}]},"#
                + #""valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"\#(snomed)"}]}}}"#
        }
        let bundle = try JSONDecoder().decode(
            JSONValue.self,
            from: Data((#"{"resourceType":"Bundle","entry":["# + entries.joined(separator: ",") + "]}").utf8))
        let entry = try #require(
            try HealthCardDCCPayload.make(bundle, issuerName: "Issuer", country: "US", rid: nil).json["t"]?.firstElement
        )
        #expect(entry["tt"] == .string(testType) && entry["tr"] == .string(result))
    }

    @Test(arguments: [
        ("shc/56", CertificateError.Code.wrongPrefix), ("shc:/567", .invalidNumeric), ("shc:/5678", .invalidNumeric),
        ("shc:/0/1/5656", .invalidChunks), ("shc:/2/1/5656", .invalidChunks), ("shc:/5656", .invalidJWS),
    ])
    func malformedTextsFailTheirStep(_ text: String, _ code: CertificateError.Code) throws {
        let result = try HealthCardFixtures.verifier().verify([text], at: HealthCardFixtures.now)
        #expect(result.error?.code == code)
        #expect(result.verdict == .invalid)
    }
}
