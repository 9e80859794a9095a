/// How an Observation becomes a lab result's fields (the table is in the README's import section):
///
/// - result: `registered` and `preliminary` are `pending` whatever value they carry (a result that is not final
///   issues no certificate and no verification code); `final`, `amended`, `corrected`, `appended` need a
///   `valueCodeableConcept`, read by ``LabResultTerminology/results``; `cancelled`, `entered-in-error` and
///   `unknown` are not results.
/// - test: the LOINC coding of `code`, by ``LabResultTerminology/tests``.
/// - sample id: the `identifier` whose `system` mentions "sample" or "specimen", else the first `identifier`,
///   else `specimen.identifier`, else the referenced Specimen's `accessionIdentifier`, else its first
///   `identifier`.
/// - national ID: `subject.identifier`, else the referenced Patient's `identifier` whose `system` mentions "cpr",
///   else its only `identifier`.
/// - sampled at: `effectiveDateTime`, `effectivePeriod.start` or `effectiveInstant`; resulted at: `issued`. Each
///   must be a date-time with a zone.
/// - device: `device.identifier.value` of a rapid antigen test, its id in the EU list (a PCR's analyser is no
///   certificate's business).
extension LabResultFHIRReader {
    /// The Observation's fields; the first thing that cannot be mapped is thrown.
    static func fields(of observation: FHIRElement, in index: FHIRReferenceIndex) throws(ServiceError)
        -> LabResultFields
    {
        let result = try result(of: observation)
        let test = try test(of: observation)
        let sampleId = try sampleID(of: observation, in: index)
        let nationalId = try nationalID(of: observation, in: index)
        let sampledAt = try sampledAt(of: observation)
        var resultedAt: String?
        if let issued = try observation.string("issued") {
            resultedAt = try zonedDateTime(issued, path: "Observation.issued")
        }
        return LabResultFields(
            sampleId: sampleId, nationalId: nationalId, test: test, result: result, sampledAt: sampledAt,
            resultedAt: resultedAt,
            device: test == LabResult.Test.rapidAntigen.rawValue
                ? try observation.element("device")?.element("identifier")?.string("value") : nil)
    }

    /// `positive`, `negative`, `invalid` or `pending`, from the value and the status.
    static func result(of observation: FHIRElement) throws(ServiceError) -> String {
        guard let status = try observation.string("status") else {
            throw ServiceError(.missingField, "Observation.status is required.")
        }
        let awaitsValue: Bool
        switch status {
        case "registered", "preliminary": awaitsValue = true
        case "final", "amended", "corrected", "appended": awaitsValue = false
        case "cancelled", "entered-in-error", "unknown":
            throw ServiceError(.fhirNotAResult, "Observation.status is \(status): it holds no result to import.")
        default:
            throw ServiceError(
                .invalidField, "Observation.status '\(ServiceError.printable(status))' is not an R4 observation status."
            )
        }
        if let other = observation.firstKey(withPrefix: "value", except: "valueCodeableConcept") {
            throw ServiceError(
                .invalidField,
                "Observation.\(ServiceError.printable(other)) cannot state a result; use valueCodeableConcept.")
        }
        if awaitsValue { return "pending" }
        guard let value = try observation.element("valueCodeableConcept") else {
            throw ServiceError(
                .missingField, "Observation.valueCodeableConcept is required when the status is \(status).")
        }
        let codings = try value.codings()
        guard
            let state = try LabResultTerminology.value(
                of: codings, in: LabResultTerminology.result(_:), element: "Observation.valueCodeableConcept")
        else {
            throw ServiceError(
                .fhirUnknownCode,
                "Observation.valueCodeableConcept has no SNOMED CT or LOINC code for detected, not detected or "
                    + "invalid (found \(tokens(codings))).")
        }
        return state
    }

    /// `pcr` or `rapid-antigen`, from the LOINC code of the test.
    static func test(of observation: FHIRElement) throws(ServiceError) -> String {
        let codings = try observation.element("code")?.codings() ?? []
        guard !codings.isEmpty else {
            throw ServiceError(.missingField, "Observation.code.coding is required: it names the test.")
        }
        guard
            let test = try LabResultTerminology.value(
                of: codings, in: LabResultTerminology.test(_:), element: "Observation.code")
        else {
            throw ServiceError(
                .fhirUnknownCode,
                "Observation.code has no LOINC code of a SARS-CoV-2 PCR or rapid antigen test the import knows "
                    + "(found \(tokens(codings))).")
        }
        return test
    }

    /// When the sample was taken: `effectiveDateTime`, else `effectivePeriod.start`, else `effectiveInstant`.
    static func sampledAt(of observation: FHIRElement) throws(ServiceError) -> String {
        if let text = try observation.string("effectiveDateTime") {
            return try zonedDateTime(text, path: "Observation.effectiveDateTime")
        }
        if let text = try observation.element("effectivePeriod")?.string("start") {
            return try zonedDateTime(text, path: "Observation.effectivePeriod.start")
        }
        if let text = try observation.string("effectiveInstant") {
            return try zonedDateTime(text, path: "Observation.effectiveInstant")
        }
        throw ServiceError(
            .missingField,
            "Observation.effectiveDateTime (or effectivePeriod.start) is required: it is when the "
                + "sample was taken.")
    }

    /// A FHIR dateTime (R4 §2.24.0.1) that names an instant: refused when it is a date alone (`2026-03-01`,
    /// `2026-03`) or has a time of day without a zone. Anything further is for `LabResultSubmission` to check.
    static func zonedDateTime(_ text: String, path: String) throws(ServiceError) -> String {
        let bytes = text.utf8
        guard let separator = bytes.firstIndex(of: UInt8(ascii: "T")) else {
            throw ServiceError(
                .invalidTimestamp, "\(path) is a date without a time of day; a date-time with a zone is needed.")
        }
        let time = bytes[separator...]
        guard time.last == UInt8(ascii: "Z") || time.contains(UInt8(ascii: "+")) || time.contains(UInt8(ascii: "-"))
        else {
            throw ServiceError(
                .invalidTimestamp, "\(path) has a time of day but no zone; a date-time with a zone is needed.")
        }
        return text
    }

    /// Codings as `system|code` for a message, the first three of them.
    static func tokens(_ codings: [FHIRCoding]) -> String {
        codings.isEmpty ? "no coding" : codings.prefix(3).map(\.token).joined(separator: ", ")
    }
}
