import Foundation
import Testing

@testable import Certificates

/// The `value-sets` step: codes outside the EU value sets make a correctly signed certificate invalid.
@Suite struct ValueSetCheckTests {
    static let testJSON = """
        {"ver":"1.3.0","nam":{"fn":"Dupont","gn":"Claire"},"dob":"1990-01-02",
         "t":[{"tg":"840539006","tt":"LP217198-3","ma":"1232","sc":"2021-09-01T08:00:00Z","tr":"260415000",
               "tc":"Centre","co":"FR","is":"Ministry","ci":"URN:UVCI:01:FR:T1"}]}
        """
    static let recoveryJSON = """
        {"ver":"1.3.0","nam":{"fn":"Dupont","gn":"Claire"},"dob":"1990-01-02",
         "r":[{"tg":"840539006","fr":"2021-08-01","co":"FR","is":"Ministry","df":"2021-08-12","du":"2022-01-28",
               "ci":"URN:UVCI:01:FR:R1"}]}
        """

    @Test func correctCodesPassEveryGroup() throws {
        let fixture = try IssuerFixture()
        for text in [IssuerFixture.vaccinationJSON, Self.testJSON, Self.recoveryJSON] {
            let result = fixture.verifier.verify(try fixture.issue(text), at: fixture.now)
            #expect(result.isValid, "\(result.error?.description ?? "")")
            #expect(result.checks.valueSets == true)
        }
    }

    /// The codes another member state's published test certificates were found to pass with.
    @Test(arguments: [
        (recoveryJSON, "\"co\":\"FR\"", "\"co\":\"XY\"", "r[0].co \"XY\" is not in country-2-codes"),
        (testJSON, "\"ma\":\"1232\"", "\"ma\":\"9999\"", "t[0].ma \"9999\" is not in covid-19-lab-test-manufacturer"),
        (
            IssuerFixture.vaccinationJSON, "\"ma\":\"ORG-100030215\"", "\"ma\":\"ORG-99999999\"",
            "v[0].ma \"ORG-99999999\" is not in vaccines-covid-19-auth-holders"
        ),
        (testJSON, "\"tr\":\"260415000\"", "\"tr\":\"negative\"", "t[0].tr \"negative\" is not in covid-19-lab-result"),
    ])
    func unknownCodeIsAValueSetViolation(text: String, original: String, replacement: String, reason: String)
        throws
    {
        let fixture = try IssuerFixture()
        let tampered = text.replacingOccurrences(of: original, with: replacement)
        #expect(tampered != text)
        let certificate = try fixture.issuer.prepare(try IssuerFixture.payload(tampered))
        let hc1 = try fixture.issuer.issue(certificate, issuedAt: fixture.now, validity: 86_400)
        let result = fixture.verifier.verify(hc1, at: fixture.now)
        #expect(!result.isValid)
        #expect(result.checks.signature == true && result.checks.valueSets == false)
        #expect(result.error?.code == .valueSetViolation)
        #expect(result.error?.reason.hasPrefix(reason) == true, "\(result.error?.reason ?? "")")
    }

    /// Member states' PCR certificates leave the device empty (`"ma": ""`), and the conformance data holds them as
    /// valid; a rapid antigen test, which must name its device, may not.
    @Test(arguments: ["CH/2DCode/raw/2.json", "HU/2DCode/raw/2.json", "IT/2DCode/raw/4.json"])
    func aPCRTestMayLeaveItsDeviceEmpty(path: String) throws {
        let fields = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: try TestDataLocation.dcc().appendingPathComponent(path)))
        let json = try #require(fields["JSON"])
        #expect(json["t"]?.firstElement?["ma"]?.stringValue == "")
        try ValueSetCheck(valueSets: .european).check(HealthCertificate(json: json))

        let antigen = try IssuerFixture.payload(
            Self.testJSON.replacingOccurrences(of: "\"ma\":\"1232\"", with: "\"ma\":\"\""))
        #expect(throws: CertificateError.self) {
            try ValueSetCheck(valueSets: .european).check(HealthCertificate(json: antigen))
        }
    }

    @Test func gatewayLayoutReadsTheSameCodes() throws {
        let european = ValueSets.european
        let gateway = JSONValue.array(
            european.codes.map { id, codes in
                .object([
                    .init("valueSetId", .string(id)), .init("valueSetDate", .string("2022-01-01")),
                    .init(
                        "valueSetValues",
                        .object(codes.sorted().map { .init($0, .object([.init("display", .string($0))])) })),
                ])
            })
        #expect(try ValueSets(json: gateway).codes == european.codes)
    }

    @Test func valueSetsMissingOneTheCheckReadsAreRefused() throws {
        guard case .object(let members) = ValueSets.european.json else {
            Issue.record("the bundled value sets are not an object")
            return
        }
        let partial = JSONValue.object(members.filter { $0.key != "covid-19-lab-result" })
        #expect {
            try ValueSets(json: partial)
        } throws: { error in
            (error as? CertificateError)?.code == .invalidValueSets
                && (error as? CertificateError)?.reason.contains("covid-19-lab-result") == true
        }
        #expect(throws: CertificateError.self) {
            try ValueSets(json: .object([.init("country-2-codes", .string("BH"))]))
        }
    }
}
