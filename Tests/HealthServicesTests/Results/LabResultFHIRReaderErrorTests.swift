import Foundation
import Testing

@testable import HealthServices

/// Observations and entries that cannot be mapped: each is an error on its own row, which names the entry.
@Suite struct LabResultFHIRReaderErrorTests {
    typealias Text = FHIRBundleText

    /// The error of the only row that `entries` yield.
    static func rowError(_ entries: String...) throws -> ServiceError {
        let rows = try LabResultFHIRReader().read(Data(Text.bundle(entries).utf8))
        try #require(rows.count == 1)
        return try #require(throws: ServiceError.self) { try rows[0].fields.get() }
    }

    static func observationError(_ observation: String) throws -> ServiceError {
        try rowError(Text.entry(observation))
    }

    @Test func unknownTestCodeIsARowErrorNamingTheCode() throws {
        let code = #"{"coding":[{"system":"http://loinc.org","code":"94563-4"}]}"#
        let error = try Self.observationError(Text.observation(code: code))
        #expect(error.code == .fhirUnknownCode)
        #expect(error.detail.contains("http://loinc.org|94563-4"))
        let notLOINC = #"{"coding":[{"system":"http://snomed.info/sct","code":"94500-6"}]}"#
        #expect(try Self.observationError(Text.observation(code: notLOINC)).code == .fhirUnknownCode)
        #expect(try Self.observationError(Text.observation(code: nil)).code == .missingField)
        #expect(try Self.observationError(Text.observation(code: #"{"text":"PCR"}"#)).code == .missingField)
    }

    @Test func unknownOrConflictingResultCodesAreRowErrors() throws {
        let equivocal = #"{"coding":[{"system":"http://snomed.info/sct","code":"42425007"}]}"#
        let unknown = try Self.observationError(Text.observation(value: ("valueCodeableConcept", equivocal)))
        #expect(unknown.code == .fhirUnknownCode)
        #expect(unknown.detail.contains("42425007"))
        let textOnly = #"{"text":"Detected"}"#
        #expect(
            try Self.observationError(Text.observation(value: ("valueCodeableConcept", textOnly))).code
                == .fhirUnknownCode)
        let conflicting =
            #"{"coding":[{"system":"http://snomed.info/sct","code":"260373001"},{"system":"http://loinc.org","code":"LA11883-8"}]}"#
        let error = try Self.observationError(Text.observation(value: ("valueCodeableConcept", conflicting)))
        #expect(error.code == .fhirConflictingCodes)
        let bothTests =
            #"{"coding":[{"system":"http://loinc.org","code":"94500-6"},{"system":"http://loinc.org","code":"94558-4"}]}"#
        #expect(try Self.observationError(Text.observation(code: bothTests)).code == .fhirConflictingCodes)
    }

    @Test(arguments: ["cancelled", "entered-in-error", "unknown"])
    func statusesThatHoldNoResultAreNotResults(status: String) throws {
        let error = try Self.observationError(Text.observation(status: #""\#(status)""#))
        #expect(error.code == .fhirNotAResult)
        #expect(error.detail.contains(status))
    }

    @Test func finalResultNeedsAValue() throws {
        for status in ["final", "amended", "corrected", "appended"] {
            let error = try Self.observationError(Text.observation(status: #""\#(status)""#, value: nil))
            #expect(error.code == .missingField)
            #expect(error.detail.contains("valueCodeableConcept"))
        }
        #expect(try Self.observationError(Text.observation(status: nil)).code == .missingField)
        #expect(try Self.observationError(Text.observation(status: #""done""#)).code == .invalidField)
    }

    @Test func resultThatIsNotACodeableConceptIsARowError() throws {
        let error = try Self.observationError(Text.observation(value: ("valueString", #""Detected""#)))
        #expect(error.code == .invalidField)
        #expect(error.detail.contains("valueString"))
        let escapedName = try Self.observationError(Text.observation(value: (#"valu\u0065String"#, #""Detected""#)))
        #expect(escapedName.detail.contains("valueString"))
        let pending = Text.observation(status: #""registered""#, value: ("valueBoolean", "true"))
        #expect(try Self.observationError(pending).code == .invalidField)
    }

    @Test func dateWithoutTimeOrZoneIsARowErrorThatSaysSo() throws {
        let dateOnly = try Self.observationError(
            Text.observation(effective: ("effectiveDateTime", #""2026-03-01""#)))
        #expect(dateOnly.code == .invalidTimestamp)
        #expect(dateOnly.detail.contains("date without a time"))
        let noZone = try Self.observationError(
            Text.observation(effective: ("effectiveDateTime", #""2026-03-01T08:30:00""#)))
        #expect(noZone.code == .invalidTimestamp)
        #expect(noZone.detail.contains("no zone"))
        let period = try Self.observationError(
            Text.observation(effective: ("effectivePeriod", #"{"start":"2026-03"}"#)))
        #expect(period.detail.contains("effectivePeriod.start"))
        let issued = try Self.observationError(Text.observation(issued: #""2026-03-01T14:05:00.000""#))
        #expect(issued.code == .invalidTimestamp)
        #expect(issued.detail.contains("Observation.issued"))
        #expect(try Self.observationError(Text.observation(effective: nil)).code == .missingField)
    }

    @Test func missingSampleIDIsARowError() throws {
        let error = try Self.observationError(Text.observation(identifier: nil))
        #expect(error.code == .missingField)
        #expect(error.detail.contains("sample id"))
        #expect(try Self.observationError(Text.observation(identifier: #"[{"system":"x"}]"#)).code == .missingField)
        let dangling = Text.observation(identifier: nil, specimen: #"{"reference":"Specimen/none"}"#)
        #expect(try Self.observationError(dangling).code == .fhirUnresolvedReference)
    }

    @Test func subjectMustNameAPatientWithOneNationalID() throws {
        #expect(try Self.observationError(Text.observation(subject: nil)).code == .missingField)
        #expect(try Self.observationError(Text.observation(subject: #"{"display":"Someone"}"#)).code == .missingField)
        let unresolved = try Self.observationError(Text.observation(subject: #"{"reference":"Patient/absent"}"#))
        #expect(unresolved.code == .fhirUnresolvedReference)
        let specimen = #"{"resourceType":"Specimen","id":"s1"}"#
        let notPatient = try Self.rowError(
            Text.entry(Text.observation(subject: #"{"reference":"urn:uuid:1"}"#)),
            Text.entry(specimen, fullUrl: "urn:uuid:1"))
        #expect(notPatient.code == .invalidField)
        #expect(notPatient.detail.contains("not a Specimen"))
        let twoIDs = Text.patient(
            id: "p1", identifiers: [#"{"system":"a","value":"1"}"#, #"{"system":"b","value":"2"}"#])
        let ambiguous = try Self.rowError(
            Text.entry(twoIDs), Text.entry(Text.observation(subject: #"{"reference":"Patient/p1"}"#)))
        #expect(ambiguous.code == .fhirAmbiguousIdentifier)
        let noIDs = Text.patient(id: "p1", identifiers: [])
        let missing = try Self.rowError(
            Text.entry(noIDs), Text.entry(Text.observation(subject: #"{"reference":"Patient/p1"}"#)))
        #expect(missing.code == .missingField)
    }

    @Test func elementOfTheWrongJSONTypeIsARowErrorNamingItsPath() throws {
        let error = try Self.observationError(Text.observation(identifier: #"{"value":"S1"}"#))
        #expect(error.code == .invalidField)
        #expect(error.detail == "Observation.identifier must be an array.")
        let number = try Self.observationError(Text.observation(identifier: #"[{"value":12345}]"#))
        #expect(number.detail == "Observation.identifier[0].value must be a string.")
    }

    @Test func entriesOtherThanObservationsPatientsAndSpecimensAreRowErrors() throws {
        let report = #"{"resourceType":"DiagnosticReport","id":"dr1","status":"final"}"#
        let text = Text.bundle([
            Text.entry(report), #"{"request":{"method":"POST","url":"Observation"}}"#, "42",
            Text.entry(Text.observation()),
        ])
        let rows = try LabResultFHIRReader().read(Data(text.utf8))
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(
            rows.map(\.location) == [
                "entry 1 (DiagnosticReport/dr1)", "entry 2", "entry 3", "entry 4 (Observation/obs-1)",
            ])
        let errors = rows.prefix(3).map { row in
            #expect(throws: ServiceError.self) { try row.fields.get() }
        }
        #expect(errors.map { $0?.code } == [.fhirUnsupportedResource, .missingField, .invalidField])
        #expect(try rows[3].fields.get().sampleId == "LAB-2026-000101")
    }
}
