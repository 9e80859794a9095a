/// The codes a FHIR Observation of a SARS-CoV-2 test is read by: the test from its LOINC code, the result from
/// a SNOMED CT or LOINC answer code. Values are the `test` and `result` texts of ``LabResultFields``.
enum LabResultTerminology {
    /// LOINC test codes (`Observation.code`) and the kind of test each is.
    static let tests: [String: String] = [
        // SARS-CoV-2 RNA [Presence] in Respiratory specimen by NAA with probe detection
        "94500-6": "pcr",
        // SARS-CoV-2 RNA [Presence] in Specimen by NAA with probe detection
        "94309-2": "pcr",
        // SARS-CoV-2 N gene [Presence] in Respiratory specimen by NAA with probe detection
        "94533-7": "pcr",
        // SARS-CoV-2 RdRp gene [Presence] in Respiratory specimen by NAA with probe detection
        "94534-5": "pcr",
        // SARS-CoV-2 RNA [Presence] in Nasopharynx by NAA with probe detection
        "94759-8": "pcr",
        // SARS-CoV-2 Ag [Presence] in Respiratory specimen by Rapid immunoassay
        "94558-4": "rapid-antigen",
        // SARS-CoV+SARS-CoV-2 Ag [Presence] in Respiratory specimen by Rapid immunoassay
        "95209-3": "rapid-antigen",
        // SARS-CoV-2 Ag [Presence] in Upper respiratory specimen by Rapid immunoassay
        "97097-0": "rapid-antigen",
    ]

    /// Result codes (`Observation.valueCodeableConcept`) by code system, and the result each states.
    static let results: [FHIRCoding: String] = [
        FHIRCoding(system: FHIRCoding.snomed, code: "260373001"): "positive",  // Detected
        FHIRCoding(system: FHIRCoding.snomed, code: "10828004"): "positive",  // Positive
        FHIRCoding(system: FHIRCoding.snomed, code: "260415000"): "negative",  // Not detected
        FHIRCoding(system: FHIRCoding.snomed, code: "260385009"): "negative",  // Negative
        FHIRCoding(system: FHIRCoding.snomed, code: "455371000124106"): "invalid",  // Invalid result
        FHIRCoding(system: FHIRCoding.loinc, code: "LA11882-0"): "positive",  // Detected
        FHIRCoding(system: FHIRCoding.loinc, code: "LA6576-8"): "positive",  // Positive
        FHIRCoding(system: FHIRCoding.loinc, code: "LA11883-8"): "negative",  // Not detected
        FHIRCoding(system: FHIRCoding.loinc, code: "LA6577-6"): "negative",  // Negative
        FHIRCoding(system: FHIRCoding.loinc, code: "LA15841-2"): "invalid",  // Invalid
    ]

    /// The one value `table` gives the codings, ignoring codings it does not know; nil when it knows none, and an
    /// error when known codings disagree.
    static func value(
        of codings: [FHIRCoding], in table: (FHIRCoding) -> String?, element: String
    ) throws(ServiceError) -> String? {
        var found: String?
        for coding in codings {
            guard let value = table(coding) else { continue }
            if let found, found != value {
                throw ServiceError(.fhirConflictingCodes, "\(element) has codings for both \(found) and \(value).")
            }
            found = value
        }
        return found
    }

    /// The kind of test a coding of `Observation.code` names, if it is a LOINC code in ``tests``.
    static func test(_ coding: FHIRCoding) -> String? {
        guard coding.system == FHIRCoding.loinc, let code = coding.code else { return nil }
        return tests[code]
    }

    /// The result a coding of `Observation.valueCodeableConcept` states, if it is in ``results``.
    static func result(_ coding: FHIRCoding) -> String? {
        results[coding]
    }
}
