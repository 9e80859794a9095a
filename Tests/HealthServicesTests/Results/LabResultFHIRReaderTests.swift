import Foundation
import Testing

@testable import HealthServices

@Suite struct LabResultFHIRReaderTests {
    typealias Text = FHIRBundleText

    static func read(_ entries: [String]) throws -> [LabResultImportRow] {
        try LabResultFHIRReader().read(Data(Text.bundle(entries).utf8))
    }

    /// The fields of the only Observation among `entries`.
    static func fields(_ entries: String...) throws -> LabResultFields {
        let rows = try read(entries)
        try #require(rows.count == 1)
        return try rows[0].fields.get()
    }

    static func fileError(_ text: String) throws -> ServiceError {
        try #require(throws: ServiceError.self) { try LabResultFHIRReader().read(Data(text.utf8)) }
    }

    @Test func readsALabBundleWithPatientsAndSpecimens() throws {
        let patient = Text.patient(
            id: "p1",
            identifiers: [
                #"{"system":"https://hospital.example.bh/mrn","value":"MRN-77"}"#,
                #"{"system":"https://cio.gov.bh/cpr","value":"920315678"}"#,
            ])
        let specimen = #"{"resourceType":"Specimen","id":"sp1","accessionIdentifier":{"value":"ACC-555"}}"#
        let text = Text.bundle(
            [
                Text.entry(patient, fullUrl: "urn:uuid:5b1f4a0e-6d1b-4a57-9b0e-2f6f6f0c9a01"),
                // A PCR's analyser is not read as a device: only a rapid antigen test's is.
                Text.entry(Text.observation(id: "pcr-positive", device: #"{"identifier":{"value":"GX-7"}}"#)),
                Text.entry(
                    Text.observation(
                        id: "rat-negative", identifier: nil, code: Text.antigenCode,
                        subject: #"{"reference":"urn:uuid:5b1f4a0e-6d1b-4a57-9b0e-2f6f6f0c9a01"}"#,
                        effective: (
                            "effectivePeriod", #"{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T09:05:00Z"}"#
                        ),
                        value: (
                            "valueCodeableConcept", #"{"coding":[{"system":"http://loinc.org","code":"LA11883-8"}]}"#
                        ),
                        issued: #""2026-03-02T09:20:00Z""#, specimen: #"{"reference":"Specimen/sp1"}"#,
                        device: #"{"identifier":{"value":"1232"},"display":"Abbott Panbio"}"#)),
                Text.entry(specimen, fullUrl: "https://lab.example.bh/fhir/Specimen/sp1"),
                Text.entry(
                    Text.observation(
                        id: "pending", status: #""registered""#, subject: #"{"reference":"Patient/p1"}"#, value: nil,
                        issued: nil)),
            ], type: "transaction")
        let rows = try LabResultFHIRReader().read(Data(text.utf8))
        #expect(rows.map(\.line) == [2, 3, 5])
        #expect(
            rows.map(\.location) == [
                "entry 2 (Observation/pcr-positive)", "entry 3 (Observation/rat-negative)",
                "entry 5 (Observation/pending)",
            ])
        #expect(
            try rows[0].fields.get()
                == LabResultFields(
                    sampleId: "LAB-2026-000101", nationalId: "870101234", test: "pcr", result: "positive",
                    sampledAt: "2026-03-01T08:30:00+03:00", resultedAt: "2026-03-01T14:05:00+03:00"))
        #expect(
            try rows[1].fields.get()
                == LabResultFields(
                    sampleId: "ACC-555", nationalId: "920315678", test: "rapid-antigen", result: "negative",
                    sampledAt: "2026-03-02T09:00:00Z", resultedAt: "2026-03-02T09:20:00Z", device: "1232"))
        let pending = try rows[2].fields.get()
        #expect(pending.result == "pending")
        #expect(pending.nationalId == "920315678")
        #expect(pending.resultedAt == nil)
    }

    @Test(arguments: [
        ("94500-6", "pcr"), ("94309-2", "pcr"), ("94533-7", "pcr"), ("94534-5", "pcr"), ("94759-8", "pcr"),
        ("94558-4", "rapid-antigen"), ("95209-3", "rapid-antigen"), ("97097-0", "rapid-antigen"),
    ])
    func loincTestCodesMapToTheKindOfTest(code: String, test: String) throws {
        let coding = #"{"coding":[{"system":"http://loinc.org","code":"\#(code)"}]}"#
        #expect(try Self.fields(Text.entry(Text.observation(code: coding))).test == test)
    }

    @Test(arguments: [
        ("http://snomed.info/sct", "260373001", "positive"), ("http://snomed.info/sct", "10828004", "positive"),
        ("http://snomed.info/sct", "260415000", "negative"), ("http://snomed.info/sct", "260385009", "negative"),
        ("http://snomed.info/sct", "455371000124106", "invalid"), ("http://loinc.org", "LA11882-0", "positive"),
        ("http://loinc.org", "LA6576-8", "positive"), ("http://loinc.org", "LA11883-8", "negative"),
        ("http://loinc.org", "LA6577-6", "negative"), ("http://loinc.org", "LA15841-2", "invalid"),
    ])
    func resultCodesMapToTheResult(system: String, code: String, result: String) throws {
        let value = #"{"coding":[{"system":"\#(system)","code":"\#(code)"}]}"#
        let fields = try Self.fields(Text.entry(Text.observation(value: ("valueCodeableConcept", value))))
        #expect(fields.result == result)
    }

    @Test func unknownCodingsBesideAKnownOneAreIgnored() throws {
        let code =
            #"{"coding":[{"system":"https://lab.example.bh/tests","code":"COV2"},{"system":"http://loinc.org","code":"94309-2"}]}"#
        let value =
            #"{"coding":[{"system":"https://lab.example.bh/results","code":"NEG"},{"system":"http://snomed.info/sct","code":"260415000"},{"system":"http://loinc.org","code":"LA11883-8"}]}"#
        let fields = try Self.fields(Text.entry(Text.observation(code: code, value: ("valueCodeableConcept", value))))
        #expect(fields.test == "pcr")
        #expect(fields.result == "negative")
    }

    @Test func aPreliminaryResultIsPendingWithOrWithoutAValue() throws {
        let withValue = try Self.fields(Text.entry(Text.observation(status: #""preliminary""#)))
        #expect(withValue.result == "pending")
        let without = try Self.fields(Text.entry(Text.observation(status: #""preliminary""#, value: nil, issued: nil)))
        #expect(without.result == "pending")
        let corrected = try Self.fields(Text.entry(Text.observation(status: #""corrected""#)))
        #expect(corrected.result == "positive")
    }

    @Test func sampleIDPrefersTheIdentifierWhoseSystemNamesASampleOrSpecimen() throws {
        let identifiers =
            #"[{"system":"https://lab.example.bh/observation","value":"OBS-9"},{"system":"https://fhir.example.bh/Id/SpecimenId","value":"SPEC-1"}]"#
        #expect(try Self.fields(Text.entry(Text.observation(identifier: identifiers))).sampleId == "SPEC-1")
        let unmarked = #"[{"system":"https://lab.example.bh/observation","value":"OBS-9"},{"value":"OTHER"}]"#
        #expect(try Self.fields(Text.entry(Text.observation(identifier: unmarked))).sampleId == "OBS-9")
        let fromSpecimen = Text.observation(identifier: nil, specimen: #"{"identifier":{"value":"SPEC-2"}}"#)
        #expect(try Self.fields(Text.entry(fromSpecimen)).sampleId == "SPEC-2")
        let specimen = #"{"resourceType":"Specimen","id":"s9","identifier":[{"value":"SPEC-3"}]}"#
        let referenced = Text.observation(identifier: nil, specimen: #"{"reference":"Specimen/s9"}"#)
        #expect(try Self.fields(Text.entry(referenced), Text.entry(specimen)).sampleId == "SPEC-3")
    }

    @Test func patientIdentifierIsTheCPRNumberOrTheOnlyOne() throws {
        let only = Text.patient(id: "p2", identifiers: [#"{"value":"010203040"}"#])
        let observation = Text.observation(subject: #"{"reference":"Patient/p2/_history/3"}"#)
        #expect(try Self.fields(Text.entry(only), Text.entry(observation)).nationalId == "010203040")
        let absolute = Text.observation(subject: #"{"reference":"https://hie.example.bh/fhir/Patient/p2"}"#)
        #expect(try Self.fields(Text.entry(absolute), Text.entry(only)).nationalId == "010203040")
        let marked = Text.patient(
            id: "p3",
            identifiers: [#"{"system":"urn:oid:1.2.3","value":"X"}"#, #"{"system":"urn:bh:CPR","value":"770707070"}"#])
        let byFullURL = Text.observation(subject: #"{"reference":"https://hie.example.bh/fhir/Patient/p3"}"#)
        let entries = [Text.entry(marked, fullUrl: "https://hie.example.bh/fhir/Patient/p3"), Text.entry(byFullURL)]
        #expect(try Self.fields(entries[0], entries[1]).nationalId == "770707070")
    }

    @Test func bundleWithoutEntriesHasNoRows() throws {
        #expect(try LabResultFHIRReader().read(Data(#"{"resourceType":"Bundle","type":"collection"}"#.utf8)).isEmpty)
        #expect(try Self.read([]).isEmpty)
    }

    @Test func byteOrderMarkAndSurroundingWhitespaceAreAccepted() throws {
        let text = "\n  " + Text.bundle([Text.entry(Text.observation())]) + "\n"
        let rows = try LabResultFHIRReader().read(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        #expect(rows.count == 1)
    }

    @Test func fileThatIsNotABundleIsRefusedWhole() throws {
        #expect(try Self.fileError("{\"resourceType\":\"Bundle\",").code == .malformedJSON)
        #expect(try Self.fileError("[]").code == .fhirNotBundle)
        #expect(try Self.fileError(#"{"type":"batch","entry":[]}"#).code == .fhirNotBundle)
        let observation = try Self.fileError(Text.observation())
        #expect(observation.code == .fhirNotBundle)
        #expect(observation.detail.contains("Observation"))
        #expect(try Self.fileError(#"{"resourceType":"Bundle","entry":{}}"#).code == .invalidField)
        let notUTF8 = try #require(throws: ServiceError.self) {
            try LabResultFHIRReader().read(Data(Array(#"{"resourceType":"Bundle","id":""#.utf8) + [0xFF, 0x22, 0x7D]))
        }
        #expect(notUTF8.code == .importNotUTF8)
    }

    /// A member named twice in one object (a status `final`, then `entered-in-error`) refuses the file, as it does
    /// an upload's body: which value was meant cannot be told, and the first was taken.
    @Test func aMemberNamedTwiceRefusesTheFile() throws {
        let twice = Text.observation(status: #""final","status":"entered-in-error""#)
        let error = try Self.fileError(Text.bundle([Text.entry(twice)]))
        #expect(error.code == .duplicateMember && error.detail.contains("'status'"))
    }
}
