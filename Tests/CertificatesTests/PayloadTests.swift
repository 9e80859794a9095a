import Foundation
import Testing

@testable import Certificates

/// The DCC payload: schema rules by version, ICAO 9303 names, UVCIs, JSON/CBOR conversion, ISO 8601.
@Suite struct PayloadTests {
    static func payload(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let vaccination = """
        {"ver":"1.3.0","nam":{"fn":"Musterfrau","gn":"Erika","fnt":"MUSTERFRAU","gnt":"ERIKA"},"dob":"1964-08-12",
         "v":[{"tg":"840539006","vp":"1119349007","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,"sd":2,
               "dt":"2021-05-29","co":"AT","is":"Ministry of Health","ci":"URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B"}]}
        """

    @Test func validPayloadPasses() throws {
        let certificate = HealthCertificate(json: try Self.payload(Self.vaccination))
        try certificate.validate()
        #expect(certificate.type == .vaccination)
        #expect(certificate.schemaVersion == "1.3.0")
    }

    @Test func schemaViolationsAreReported() throws {
        let base = Self.vaccination
        let broken = [
            base.replacingOccurrences(of: "\"dn\":2", with: "\"dn\":0"),
            base.replacingOccurrences(of: "\"dn\":2", with: "\"dn\":\"2\""),
            base.replacingOccurrences(of: "\"fnt\":\"MUSTERFRAU\"", with: "\"fnt\":\"Musterfrau\""),
            base.replacingOccurrences(of: "\"dob\":\"1964-08-12\"", with: "\"dob\":\"1864-08-12\""),
            base.replacingOccurrences(of: "\"co\":\"AT\"", with: "\"co\":\"at\""),
            base.replacingOccurrences(of: "\"ver\":\"1.3.0\"", with: "\"ver\":\"1.3\""),
            base.replacingOccurrences(of: "\"tg\":\"840539006\",", with: ""),
            base.replacingOccurrences(of: "\"v\":[", with: "\"t\":[],\"v\":["),
            base.replacingOccurrences(of: "\"v\":[{", with: "\"v\":[{}, {"),
            base.replacingOccurrences(of: "Ministry of Health", with: String(repeating: "x", count: 81)),
            base.replacingOccurrences(of: "\"nam\":{", with: "\"nam\":{\"x\":1},\"y\":{"),
        ]
        for text in broken {
            let error = #expect(throws: CertificateError.self) {
                try HealthCertificate(json: try Self.payload(text)).validate()
            }
            #expect(error?.code == .schemaViolation, "\(text)")
        }
    }

    @Test func rulesFollowTheDeclaredSchemaVersion() throws {
        let long = Self.vaccination.replacingOccurrences(
            of: "Ministry of Health", with: String(repeating: "x", count: 60))
        try HealthCertificate(json: try Self.payload(long)).validate()
        let old = long.replacingOccurrences(of: "\"ver\":\"1.3.0\"", with: "\"ver\":\"1.0.0\"")
        #expect(throws: CertificateError(.schemaViolation, "")) {
            try HealthCertificate(json: try Self.payload(old)).validate()
        }
        let gntOnly = Self.vaccination.replacingOccurrences(of: "\"fnt\":\"MUSTERFRAU\",", with: "")
        #expect(throws: CertificateError(.schemaViolation, "")) {
            try HealthCertificate(json: try Self.payload(gntOnly)).validate()
        }
        let gntOnly132 = gntOnly.replacingOccurrences(of: "\"ver\":\"1.3.0\"", with: "\"ver\":\"1.3.2\"")
        try HealthCertificate(json: try Self.payload(gntOnly132)).validate()
        let emptyBirth = Self.vaccination.replacingOccurrences(of: "1964-08-12", with: "")
        try HealthCertificate(json: try Self.payload(emptyBirth)).validate()
        let emptyBirth121 = emptyBirth.replacingOccurrences(of: "\"ver\":\"1.3.0\"", with: "\"ver\":\"1.2.1\"")
        #expect(throws: CertificateError(.schemaViolation, "")) {
            try HealthCertificate(json: try Self.payload(emptyBirth121)).validate()
        }
    }

    /// UVCIs from issued certificates in dgc-testdata (AT, FR, GR, HU), whose check characters are Luhn mod 38.
    @Test func uvciChecksumMatchesIssuedCertificates() {
        for uvci in [
            "URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B", "URN:UVCI:01:FR:476R6WUM8B9U#0",
            "URN:UVCI:01:GR:7UXL2ZTSS6KUZAF2XAAA3A4C4I#E", "URN:UVCI:01:HU:24210000020985716710615142314#9",
        ] {
            #expect(UVCI.hasValidChecksum(uvci), "\(uvci)")
        }
        #expect(!UVCI.hasValidChecksum("URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#C"))
        #expect(!UVCI.hasValidChecksum("URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813"))
    }

    @Test func generatedUVCIsAreWellFormed() throws {
        let uvci = try UVCI.generate(country: "bh")
        #expect(uvci.hasPrefix("URN:UVCI:01:BH:"))
        #expect(uvci.count == 15 + 26 + 2)
        #expect(UVCI.hasValidChecksum(uvci))
        #expect(throws: CertificateError(.invalidPayload, "")) { try UVCI.generate(country: "B-") }
    }

    @Test func jsonAndCBORConvert() throws {
        let json = try Self.payload(Self.vaccination)
        #expect(JSONValue(cbor: json.cbor).memberNames == json.memberNames)
        #expect(JSONValue(cbor: json.cbor)["v"] == json["v"])
        #expect(JSONValue(cbor: .tagged(1, 1_620_064_800)) == .string("2021-05-03T18:00:00Z"))
        #expect(JSONValue(cbor: .tagged(0, "2021-05-03T18:00:00Z")) == .string("2021-05-03T18:00:00Z"))
        #expect(JSONValue.number(2.0).cbor == .unsigned(2))
        #expect(JSONValue(cbor: .float(.nan)) == .null && JSONValue(cbor: .float(-.infinity)) == .null)
        #expect(JSONValue(cbor: .float(2.5)) == .number(2.5))
    }

    @Test func iso8601ParsesEveryFormOfTheTestData() throws {
        let reference = 1_623_183_447.0
        let forms = [
            "2021-06-08T20:17:27Z", "2021-06-08T20:17:27.000Z", "2021-06-08T22:17:27+02:00",
            "2021-06-08T22:17:27.000000+0200", "2021-06-08T20:17:27.9906293Z",
        ]
        for form in forms {
            let date = try #require(ISO8601.parse(form), "\(form)")
            #expect(abs(date.timeIntervalSince1970 - reference) < 1, "\(form)")
        }
        for bad in ["2021-06-08", "2021-13-08T20:17:27Z", "2021-02-30T20:17:27Z", "2021-06-08T20:17:27X", "x"] {
            #expect(ISO8601.parse(bad) == nil, "\(bad)")
        }
        #expect(ISO8601.format(Date(timeIntervalSince1970: reference)) == "2021-06-08T20:17:27Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
