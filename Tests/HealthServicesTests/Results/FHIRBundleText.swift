/// FHIR R4 JSON text for reader tests: a Bundle around entries, and Observations whose elements each test can
/// replace or leave out.
enum FHIRBundleText {
    static let pcrCode = #"{"coding":[{"system":"http://loinc.org","code":"94500-6"}],"text":"SARS-CoV-2 PCR"}"#
    static let antigenCode = #"{"coding":[{"system":"http://loinc.org","code":"97097-0"}]}"#
    static let detected = #"{"coding":[{"system":"http://snomed.info/sct","code":"260373001","display":"Detected"}]}"#
    static let notDetected = #"{"coding":[{"system":"http://snomed.info/sct","code":"260415000"}]}"#

    /// A Bundle of `type` holding `entries` (each an entry object's JSON text).
    static func bundle(_ entries: [String], type: String = "batch") -> String {
        #"{"resourceType":"Bundle","type":"\#(type)","entry":[\#(entries.joined(separator: ",\n"))]}"#
    }

    /// An entry holding `resource`, with a `fullUrl` when given.
    static func entry(_ resource: String, fullUrl: String? = nil) -> String {
        if let fullUrl {
            return #"{"fullUrl":"\#(fullUrl)","resource":\#(resource)}"#
        }
        return #"{"resource":\#(resource)}"#
    }

    /// An Observation; each element argument is the element's JSON value, nil to leave it out.
    static func observation(
        id: String = "obs-1",
        status: String? = #""final""#,
        identifier: String? = #"[{"system":"https://lab.example.bh/sample","value":"LAB-2026-000101"}]"#,
        code: String? = pcrCode,
        subject: String? = #"{"identifier":{"system":"https://cio.gov.bh/cpr","value":"870101234"}}"#,
        effective: (name: String, value: String)? = ("effectiveDateTime", #""2026-03-01T08:30:00+03:00""#),
        value: (name: String, value: String)? = ("valueCodeableConcept", detected),
        issued: String? = #""2026-03-01T14:05:00+03:00""#,
        specimen: String? = nil,
        device: String? = nil
    ) -> String {
        var members = [#""resourceType":"Observation""#, #""id":"\#(id)""#]
        func add(_ name: String, _ value: String?) {
            if let value { members.append(#""\#(name)":\#(value)"#) }
        }
        add("status", status)
        add("identifier", identifier)
        add(
            "category",
            #"[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}]"#
        )
        add("code", code)
        add("subject", subject)
        if let effective { add(effective.name, effective.value) }
        add("issued", issued)
        if let value { add(value.name, value.value) }
        add("specimen", specimen)
        add("device", device)
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A Patient with `identifiers` (each an Identifier's JSON text).
    static func patient(id: String, identifiers: [String]) -> String {
        #"{"resourceType":"Patient","id":"\#(id)","identifier":[\#(identifiers.joined(separator: ","))],"name":[{"family":"Al Khalifa"}]}"#
    }
}
