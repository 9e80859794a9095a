public import Foundation

/// A card's FHIR content read as the DCC payload fields entry rules take (the README's table): the Patient as
/// `nam` and `dob`, the last completed COVID-19 Immunization as `v` (other vaccines are no doses of the course),
/// else the last Observation as `t`. Checks what the
/// `fhir` step requires: a Bundle whose every entry is a resource, and a Patient, when there is one, with a name
/// and a birth date. A card with neither an Immunization nor an Observation reads as a payload of no type, which
/// no rule admits.
public enum HealthCardDCCPayload {
    /// `external.exp` for a card without `exp`.
    public static let noExpiry = Date(timeIntervalSince1970: 253_402_300_799)

    static func make(_ bundle: JSONValue, issuerName: String, country: String?, rid: String?)
        throws(CertificateError) -> HealthCertificate
    {
        guard bundle["resourceType"]?.stringValue == "Bundle", case .array(let entries) = bundle["entry"] else {
            throw CertificateError(.invalidFHIR, "not a FHIR Bundle with entries")
        }
        let resources = entries.compactMap { $0["resource"] }
        guard resources.count == entries.count, resources.allSatisfy({ $0["resourceType"]?.stringValue != nil })
        else {
            throw CertificateError(.invalidFHIR, "a Bundle entry has no resource with a resourceType")
        }
        var members: [JSONValue.Member] = [.init("ver", .string("1.3.0"))]
        if let patient = resources.first(where: { $0["resourceType"]?.stringValue == "Patient" }) {
            guard let name = patient["name"]?.firstElement, let birthDate = patient["birthDate"]?.stringValue else {
                throw CertificateError(.invalidFHIR, "the Patient has no name or no birth date")
            }
            members += [.init("nam", nameJSON(name)), .init("dob", .string(birthDate))]
        }
        let common = EntryCommon(issuerName: issuerName, country: country ?? "", rid: rid ?? "")
        if let vaccination = vaccination(resources, common) {
            members.append(.init("v", .array([vaccination])))
        } else if let test = test(resources, common) {
            members.append(.init("t", .array([test])))
        }
        return HealthCertificate(json: .object(members))
    }

    struct EntryCommon {
        let issuerName: String
        let country: String
        let rid: String

        var members: [JSONValue.Member] {
            [.init("co", .string(country)), .init("is", .string(issuerName)), .init("ci", .string(rid))]
        }
    }

    static func nameJSON(_ name: JSONValue) -> JSONValue {
        let family = name["family"]?.stringValue ?? ""
        let given: [String] =
            if case .array(let parts) = name["given"] { parts.compactMap(\.stringValue) } else { [] }
        var members: [JSONValue.Member] = [.init("fn", .string(family))]
        if !given.isEmpty { members.append(.init("gn", .string(given.joined(separator: " ")))) }
        if let standard = ICAOName.transliterated(family) { members.append(.init("fnt", .string(standard))) }
        if !given.isEmpty, let standard = ICAOName.transliterated(given.joined(separator: " ")) {
            members.append(.init("gnt", .string(standard)))
        }
        return .object(members)
    }

    static func vaccination(_ resources: [JSONValue], _ common: EntryCommon) -> JSONValue? {
        let doses = resources.filter {
            $0["resourceType"]?.stringValue == "Immunization" && $0["status"]?.stringValue == "completed"
                && code($0["vaccineCode"], system: HealthCardCodes.cvxSystem).map(HealthCardCodes.covidCVX.contains)
                    == true
        }.sorted { ($0["occurrenceDateTime"]?.stringValue ?? "") < ($1["occurrenceDateTime"]?.stringValue ?? "") }
        guard let last = doses.last, let cvx = code(last["vaccineCode"], system: HealthCardCodes.cvxSystem) else {
            return nil
        }
        let product = HealthCardCodes.productByCVX[cvx] ?? "CVX-\(cvx)"
        let known = try? VaccineProduct(code: product)
        let protocolApplied = last["protocolApplied"]?.firstElement
        let dose = protocolApplied?["doseNumberPositiveInt"]?.integerValue ?? Int64(doses.count)
        let course: Int64 = HealthCardCodes.singleDoseProducts.contains(product) ? 1 : 2
        let series = protocolApplied?["seriesDosesPositiveInt"]?.integerValue ?? max(dose, course)
        let date = String((last["occurrenceDateTime"]?.stringValue ?? "").prefix(10))
        return .object(
            [
                .init("tg", .string(HealthCardCodes.covid19)),
                .init("vp", .string(known?.prophylaxis ?? VaccineProduct.covid19Vaccine)),
                .init("mp", .string(product)),
                .init("ma", .string(known?.marketingAuthorisationHolder ?? "")),
                .init("dn", .integer(dose)), .init("sd", .integer(series)), .init("dt", .string(date)),
            ] + common.members)
    }

    /// The card's test result: of its Observations with a completed status (the testing profile's `final`,
    /// `amended` or `corrected`; an `entered-in-error` one says nothing), the latest SARS-CoV-2 test by the instant it
    /// was taken, whatever its written offset; on a card with none, the latest of any code, which entry rules then
    /// refuse as no test they take (TR-BH-0001).
    static func test(_ resources: [JSONValue], _ common: EntryCommon) -> JSONValue? {
        let results = resources.filter {
            $0["resourceType"]?.stringValue == "Observation"
                && HealthCardCodes.completedObservationStatuses.contains($0["status"]?.stringValue ?? "")
                && code($0["code"], system: HealthCardCodes.loincSystem) != nil
        }.sorted { effective($0) < effective($1) }
        let covid = results.last {
            code($0["code"], system: HealthCardCodes.loincSystem).map(HealthCardCodes.covidTests.contains) == true
        }
        guard let last = covid ?? results.last, let loinc = code(last["code"], system: HealthCardCodes.loincSystem)
        else { return nil }
        let snomed = code(last["valueCodeableConcept"], system: HealthCardCodes.snomedSystem) ?? ""
        return .object(
            [
                .init("tg", .string(HealthCardCodes.covid19)),
                .init("tt", .string(HealthCardCodes.testType(loinc: loinc))),
                .init("sc", .string(last["effectiveDateTime"]?.stringValue ?? "")),
                .init("tr", .string(HealthCardCodes.testResult(snomed: snomed) ?? "SNOMED-\(snomed)")),
            ] + common.members)
    }

    /// When an Observation's sample was taken: its `effectiveDateTime` as an instant (a date alone at its start in
    /// UTC); the earliest possible when it has none that reads.
    static func effective(_ observation: JSONValue) -> Date {
        let text = observation["effectiveDateTime"]?.stringValue ?? ""
        return ISO8601.parse(text) ?? ISO8601.parse(text + "T00:00:00Z") ?? .distantPast
    }

    /// The code of a CodeableConcept's first coding in `system`.
    static func code(_ concept: JSONValue?, system: String) -> String? {
        guard case .array(let codings) = concept?["coding"] else { return nil }
        return codings.first { $0["system"]?.stringValue == system }?["code"]?.stringValue
    }
}
