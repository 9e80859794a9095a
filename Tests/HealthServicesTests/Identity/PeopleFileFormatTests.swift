import Foundation
import Testing

@testable import HealthServices

/// `healthctl people import` files: CSV with named columns, and FHIR Patients with a Latin official name.
@Suite struct PeopleFileFormatTests {
    static func read(_ text: String) throws -> [PersonImportRow] {
        try PeopleFileFormat.read(Data(text.utf8))
    }

    @Test func csvColumnsAreMatchedByNameAndEmptyCellsAreAbsent() throws {
        let rows = try Self.read(
            """
            givenName,familyName,nationalId,dateOfBirth,familyNameLatin,givenNameLatin,phone
            محمد,آل خليفة,870101234,1987-01-01,Al Khalifa,Mohammed,+97336001234
            Văn An,Nguyễn,920315678,1992-03-15,,,

            """)
        let first = try rows[0].fields.get()
        #expect(first.nationalId == "870101234" && first.dateOfBirth == "1987-01-01" && first.phone == "+97336001234")
        #expect(
            first.names
                == PersonNameFields(
                    familyName: "آل خليفة", givenName: "محمد", familyNameLatin: "Al Khalifa", givenNameLatin: "Mohammed"
                ))
        let second = try rows[1].fields.get()
        #expect(second.names == PersonNameFields(familyName: "Nguyễn", givenName: "Văn An") && second.phone == nil)
        #expect(rows.map(\.location) == ["line 2", "line 3"])
    }

    @Test func theOldHeaderStillWorks() throws {
        let rows = try Self.read("nationalId,dateOfBirth,name,phone\n700000001,1980-01-01,\"Saleh, Huda\",\n")
        #expect(try rows[0].fields.get().names == PersonNameFields(name: "Saleh, Huda"))
    }

    @Test func badHeadersAndRowsAreNamed() throws {
        for (text, code) in [
            ("nationalId,dateOfBirth,surname\n", ServiceError.Code.unknownField),
            ("nationalId,dateOfBirth,phone\n", .missingField),
            ("nationalId,dateOfBirth,name,name\n", .csvDuplicateColumn),
            ("", .csvMissingHeader),
        ] {
            #expect(throws: ServiceError(code, ""), "\(text)") { try Self.read(text) }
        }
        let rows = try Self.read("nationalId,dateOfBirth,name\n700000001,1980-01-01\n")
        #expect(throws: ServiceError(.csvCellCount, "")) { try rows[0].fields.get() }
    }

    static let bundle = """
        {"resourceType": "Bundle", "type": "collection", "entry": [
          {"resource": {"resourceType": "Patient",
            "identifier": [{"system": "urn:lab:mrn", "value": "X1"}, {"system": "https://cio.gov.bh/cpr", "value": "700000011"}],
            "birthDate": "1981-02-03",
            "name": [{"use": "usual", "family": "Παπαδόπουλος", "given": ["Γιώργος"]},
                     {"use": "official", "family": "Papadopoulos", "given": ["Georgios", "Nikolaos"]}],
            "telecom": [{"system": "email", "value": "g@example.org"}, {"system": "phone", "use": "mobile", "value": "+97336001235"}]}},
          {"resource": {"resourceType": "Patient", "identifier": [{"value": "700000012"}], "birthDate": "1979-11-30",
            "name": [{"text": "Huda Saleh"}]}},
          {"resource": {"resourceType": "Observation", "status": "final"}},
          {"resource": {"resourceType": "Patient", "identifier": [{"value": "700000013"}], "name": [{"family": "X"}]}}
        ]}
        """

    @Test func fhirPatientsGiveNamesLatinFormsAndPhones() throws {
        let rows = try Self.read(Self.bundle)
        #expect(rows.count == 4)
        let greek = try rows[0].fields.get()
        #expect(greek.nationalId == "700000011" && greek.dateOfBirth == "1981-02-03" && greek.phone == "+97336001235")
        #expect(
            greek.names
                == PersonNameFields(
                    familyName: "Παπαδόπουλος", givenName: "Γιώργος", familyNameLatin: "Papadopoulos",
                    givenNameLatin: "Georgios Nikolaos"))
        #expect(try rows[1].fields.get().names == PersonNameFields(name: "Huda Saleh"))
        #expect(throws: ServiceError(.fhirUnsupportedResource, "")) { try rows[2].fields.get() }
        #expect(throws: ServiceError(.missingField, "")) { try rows[3].fields.get() }
        #expect(rows.map(\.location) == ["entry 1", "entry 2", "entry 3", "entry 4"])
    }

    @Test func aSinglePatientIsOnePerson() throws {
        let rows = try Self.read(
            #"{"resourceType":"Patient","identifier":[{"value":"700000014"}],"birthDate":"1990-01-01","name":[{"family":"Ли","given":["Анна"]}]}"#
        )
        #expect(try rows.map { try $0.fields.get().names } == [PersonNameFields(familyName: "Ли", givenName: "Анна")])
        #expect(throws: ServiceError(.fhirNotBundle, "")) { try Self.read(#"{"resourceType":"Observation"}"#) }
    }
}
