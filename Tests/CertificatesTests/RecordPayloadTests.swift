import Foundation
import Testing

@testable import Certificates

/// DCC payloads built from record values: schema-valid after `prepare`, issued and verified end to end, with the
/// EU value-set codes, and bad values refused with their own error codes.
@Suite struct RecordPayloadTests {
    let fixture: IssuerFixture

    init() throws { fixture = try IssuerFixture() }

    static let holder = CertificateHolder(familyName: "Al-Khalifa", givenName: "Maryam", dateOfBirth: "1990-07-21")

    static func vaccinationEntry(_ productCode: String = "BBIBP-CorV", dose: Int = 2, of total: Int = 2)
        -> VaccinationEntry
    {
        VaccinationEntry(
            productCode: productCode, doseNumber: dose, totalDoses: total, date: "2021-09-01", country: "BH",
            issuer: "Ministry of Health, Kingdom of Bahrain")
    }

    static func vaccination(_ productCode: String = "BBIBP-CorV", dose: Int = 2, of total: Int = 2) -> DCCPayload {
        DCCPayload(holder: holder, entry: .vaccination(vaccinationEntry(productCode, dose: dose, of: total)))
    }

    static let testEntry = DiagnosticTestEntry(
        kind: .rapidAntigen, sampleCollectedAt: Date(timeIntervalSince1970: 1_699_990_000.75), result: .notDetected,
        testingCentre: "Bahrain International Airport", country: "BH", issuer: "Ministry of Health, Kingdom of Bahrain",
        deviceIdentifier: "1232")

    static let rapidAntigenTest = DCCPayload(holder: holder, entry: .test(testEntry))

    static let recoveryEntry = RecoveryEntry(
        firstPositiveResult: "2023-10-20", validFrom: "2023-10-31", validUntil: "2024-04-17", country: "BH",
        issuer: "Ministry of Health, Kingdom of Bahrain")

    static let recovery = DCCPayload(
        holder: CertificateHolder(familyName: "محمد", dateOfBirth: "1975"), entry: .recovery(recoveryEntry))

    /// Prepares, issues and verifies a payload; returns the verified payload JSON.
    func roundTrip(_ payload: DCCPayload, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let certificate = try fixture.issuer.prepare(payload)
        try DCCSchemaValidator(json: certificate.json).validate()
        let hc1 = try fixture.issuer.issue(certificate, issuedAt: fixture.now, validity: 30 * 86_400)
        let result = fixture.verifier.verify(hc1, at: fixture.now.addingTimeInterval(60))
        #expect(result.isValid, "\(String(describing: result.error))", sourceLocation: sourceLocation)
        #expect(result.type == payload.type, sourceLocation: sourceLocation)
        #expect(
            result.healthCertificate.map { sorted($0.json) } == sorted(certificate.json), sourceLocation: sourceLocation
        )
        return certificate.json
    }

    @Test func everyProductMakesAVerifiableVaccinationCertificate() throws {
        for product in VaccineProduct.all {
            let json = try roundTrip(Self.vaccination(product.code))
            let entry = try #require(Self.firstEntry(json, "v"))
            #expect(entry["tg"] == .string("840539006"))
            #expect(entry["mp"] == .string(product.code))
            #expect(entry["ma"] == .string(product.marketingAuthorisationHolder))
            #expect(entry["vp"] == .string(product.prophylaxis))
            #expect(entry["ci"]?.stringValue.map(UVCI.hasValidChecksum) == true)
        }
    }

    @Test func testAndRecoveryCertificatesVerify() throws {
        let test = try roundTrip(Self.rapidAntigenTest)
        let testEntry = try #require(Self.firstEntry(test, "t"))
        #expect(testEntry["tt"] == .string("LP217198-3") && testEntry["tr"] == .string("260415000"))
        #expect(testEntry["sc"] == .string("2023-11-14T19:26:40Z"))
        #expect(testEntry["ma"] == .string("1232"))
        let recovery = try roundTrip(Self.recovery)
        #expect(recovery["nam"]?["fnt"] == .string("MXHMD"))
        #expect(recovery["nam"]?["gn"] == nil && recovery["dob"] == .string("1975"))
        let recoveryEntry = try #require(Self.firstEntry(recovery, "r"))
        #expect(recoveryEntry["df"] == .string("2023-10-31") && recoveryEntry["du"] == .string("2024-04-17"))
    }

    @Test func payloadJSONHasTheSchemaLayout() throws {
        let expected = try IssuerFixture.payload(
            """
            {"ver":"1.3.0","nam":{"fn":"Al-Khalifa","gn":"Maryam","fnt":"AL<KHALIFA","gnt":"MARYAM"},"dob":"1990-07-21",
             "v":[{"tg":"840539006","vp":"1119349007","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":3,"sd":3,
                   "dt":"2021-09-01","co":"BH","is":"Ministry of Health, Kingdom of Bahrain"}]}
            """)
        let built = try Self.vaccination("EU/1/20/1528", dose: 3, of: 3).json()
        #expect(sorted(built) == sorted(expected))
        #expect(built.memberNames == ["ver", "nam", "dob", "v"])
    }

    /// The codes real issuers wrote for these products in dgc-testdata (files used as they are).
    @Test func valueSetCodesAgreeWithIssuedCertificates() throws {
        let files = [
            "PT/1.3.0/2DCode/raw/1.json",  // Comirnaty
            "DE/2DCode/raw/1.json",  // Spikevax
            "UA/2DCode/raw/1.json",  // Vaxzevria
            "CH/2DCode/raw/1.json",  // COVID-19 Vaccine Janssen
            "AE/2DCode/raw/vaccine.json",  // BBIBP-CorV
            "NL/2DCode/raw/111-NL-vaccination.json",  // CoronaVac
        ]
        for file in files {
            let json = try #require(try TestDataLocation.dccCase(file)["JSON"] as? [String: Any], "\(file)")
            let entry = try #require((json["v"] as? [[String: Any]])?.first, "\(file)")
            let product = try VaccineProduct(code: try #require(entry["mp"] as? String))
            #expect(entry["ma"] as? String == product.marketingAuthorisationHolder, "\(file)")
            #expect(entry["vp"] as? String == product.prophylaxis, "\(file)")
        }
    }

    @Test func unknownProductIsRejected() throws {
        for code in ["EU/1/20/9999", "Pfizer", "eu/1/20/1528", ""] {
            let error = try #require(throws: CertificateError.self) { try Self.vaccination(code).json() }
            #expect(error.code == .unknownVaccineProduct, "\(code)")
        }
        #expect(throws: CertificateError(.unknownVaccineProduct, "")) { try VaccineProduct(code: "Sputnik V") }
    }

    @Test func malformedValuesAreRejected() throws {
        func vaccination(_ change: (inout VaccinationEntry) -> Void) -> DCCPayload {
            var entry = Self.vaccinationEntry()
            change(&entry)
            return DCCPayload(holder: Self.holder, entry: .vaccination(entry))
        }
        func holder(_ dateOfBirth: String, family: String = "Al-Khalifa") -> DCCPayload {
            DCCPayload(
                holder: CertificateHolder(familyName: family, dateOfBirth: dateOfBirth),
                entry: .vaccination(Self.vaccinationEntry()))
        }
        var naat = Self.testEntry
        naat.kind = .nucleicAcidAmplification
        var lowerCountry = Self.testEntry
        lowerCountry.country = "bh"
        var farFuture = Self.testEntry
        farFuture.sampleCollectedAt = Date(timeIntervalSince1970: 1e12)
        var backwards = Self.recoveryEntry
        backwards.validUntil = "2023-10-30"
        var beforeResult = Self.recoveryEntry
        beforeResult.validFrom = "2023-10-19"
        let bad: [(String, DCCPayload)] = [
            ("dose 0", vaccination { $0.doseNumber = 0 }),
            ("total 0", vaccination { $0.totalDoses = 0 }),
            ("date shape", vaccination { $0.date = "2021-9-1" }),
            ("no such day", vaccination { $0.date = "2021-02-29" }),
            ("date and time", vaccination { $0.date = "2021-09-01T10:00:00Z" }),
            ("three-letter country", vaccination { $0.country = "BHR" }),
            ("blank issuer", vaccination { $0.issuer = "  " }),
            ("long issuer", vaccination { $0.issuer = String(repeating: "x", count: 81) }),
            ("birth month 13", holder("1990-13")),
            ("birth day 30 Feb", holder("1990-02-30")),
            ("two-digit year", holder("90-01-01")),
            ("blank family name", holder("1990", family: " ")),
            ("device on a NAAT", DCCPayload(holder: Self.holder, entry: .test(naat))),
            ("lower-case country", DCCPayload(holder: Self.holder, entry: .test(lowerCountry))),
            ("sample time year 33658", DCCPayload(holder: Self.holder, entry: .test(farFuture))),
            ("valid until before from", DCCPayload(holder: Self.holder, entry: .recovery(backwards))),
            ("valid from before result", DCCPayload(holder: Self.holder, entry: .recovery(beforeResult))),
        ]
        for (name, payload) in bad {
            let error = try #require(throws: CertificateError.self, "\(name)") { try payload.json() }
            #expect(error.code == .invalidPayload, "\(name): \(error)")
        }
    }

    @Test func partialBirthDatesAndLeapDaysAreAccepted() throws {
        for dateOfBirth in ["1990", "1990-07", "2000-02-29", "1904-02-29"] {
            let payload = DCCPayload(
                holder: CertificateHolder(familyName: "Ali", dateOfBirth: dateOfBirth),
                entry: .recovery(Self.recoveryEntry))
            #expect(try fixture.issuer.prepare(payload).json["dob"] == .string(dateOfBirth))
        }
    }

    /// A register's name part may pass the schema's 80 characters, and a transliteration may grow past them: each
    /// member is cut to 80 in whole characters, so the record still gets a schema-valid, verifiable certificate.
    @Test func longNamesAreCutToTheSchemasEightyCharacters() throws {
        let family = String(repeating: "Щ", count: 30)
        let given = String(repeating: "Абдул ", count: 14)
        let json = try roundTrip(
            DCCPayload(
                holder: CertificateHolder(familyName: family, givenName: given, dateOfBirth: "1990"),
                entry: .recovery(Self.recoveryEntry)))
        let name = try #require(json["nam"])
        #expect(name["fn"] == .string(family))
        #expect(name["fnt"] == .string(String(repeating: "SHCH", count: 20)))
        #expect(name["gn"] == .string(String(repeating: "Абдул ", count: 13) + "Аб"))
        #expect(name["gnt"] == .string(Array(repeating: "ABDUL", count: 13).joined(separator: "<") + "<AB"))
        // A character of several code points is left out whole, and the spaces or fillers a cut leaves are dropped.
        let a78 = String(repeating: "a", count: 78)
        #expect(CertificateHolder.cut(a78 + "👩🏽‍⚕️") == a78)
        #expect(CertificateHolder.cut(a78 + "b c") == a78 + "b")
        #expect(
            CertificateHolder.cutStandardised(String(repeating: "A", count: 79) + "<B")
                == String(repeating: "A", count: 79))
    }

    /// The one entry of a payload's group.
    static func firstEntry(_ payload: JSONValue, _ group: String) -> JSONValue? {
        guard case .array(let entries) = payload[group] else { return nil }
        return entries.first
    }

    /// Objects with their members in name order, recursively, to compare payloads regardless of member order.
    func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(members.map { .init($0.key, sorted($0.value)) }.sorted { $0.key < $1.key })
        case .array(let elements): .array(elements.map(sorted))
        default: value
        }
    }
}
