/// The FHIR R4 Bundle of a card, written from the DCC payload of the same record so both say the same: a
/// Patient with the name as in the passport and the date of birth, and one Immunization or Observation
/// (SMART Health Cards Vaccination and Testing IG).
public enum HealthCardBundle {
    /// The bundle of `certificate`; `holder` gives the Latin and native forms of the name, `lot` the vaccine lot.
    public static func make(holder: CertificateHolder, certificate: HealthCertificate, lot: String?)
        throws(CertificateError) -> JSONValue
    {
        let entry: JSONValue
        switch certificate.type {
        case .vaccination: entry = try immunization(certificate.json["v"]?.firstElement, lot: lot)
        case .test: entry = try observation(certificate.json["t"]?.firstElement)
        case .recovery: entry = try recoveryObservation(certificate.json["r"]?.firstElement)
        case nil: throw CertificateError(.invalidPayload, "the payload holds no single v, t or r entry")
        }
        let patient = JSONValue.object([
            .init("resourceType", .string("Patient")),
            .init("name", .array(try names(holder, nameJSON: certificate.json["nam"]))),
            .init("birthDate", .string(holder.dateOfBirth)),
        ])
        return .object([
            .init("resourceType", .string("Bundle")),
            .init("type", .string("collection")),
            .init(
                "entry",
                .array([
                    .object([.init("fullUrl", .string("resource:0")), .init("resource", patient)]),
                    .object([.init("fullUrl", .string("resource:1")), .init("resource", entry)]),
                ])),
        ])
    }

    /// The name in Latin letters first (the register's Latin form, the name itself when written in Latin, else
    /// the ICAO form), then the name as written when that differs.
    static func names(_ holder: CertificateHolder, nameJSON: JSONValue?) throws(CertificateError) -> [JSONValue] {
        let family = latin(holder.familyName, form: holder.familyNameLatin, icao: nameJSON?["fnt"]?.stringValue)
        let given = holder.givenName.map {
            latin($0, form: holder.givenNameLatin, icao: nameJSON?["gnt"]?.stringValue)
        }
        var names = [humanName(family: family, given: given)]
        if family != holder.familyName || given != holder.givenName {
            names.append(humanName(family: holder.familyName, given: holder.givenName))
        }
        return names
    }

    static func latin(_ name: String, form: String?, icao: String?) -> String {
        if let form { return form }
        if ICAOName.normalisedLatin(name) != nil { return name }
        return (icao ?? name).replacing("<", with: " ")
    }

    static func humanName(family: String, given: String?) -> JSONValue {
        var members = [JSONValue.Member("family", .string(family))]
        let givenNames = given?.split(whereSeparator: \.isWhitespace).map { JSONValue.string(String($0)) } ?? []
        if !givenNames.isEmpty { members.append(.init("given", .array(givenNames))) }
        return .object(members)
    }

    static func immunization(_ entry: JSONValue?, lot: String?) throws(CertificateError) -> JSONValue {
        guard let entry, let product = entry["mp"]?.stringValue, let cvx = HealthCardCodes.cvxByProduct[product],
            let date = entry["dt"]?.stringValue, let dose = entry["dn"]?.integerValue,
            let series = entry["sd"]?.integerValue
        else {
            throw CertificateError(.invalidPayload, "the vaccination has no product with a CVX code, date or doses")
        }
        var members: [JSONValue.Member] = [
            .init("resourceType", .string("Immunization")),
            .init("status", .string("completed")),
            .init("vaccineCode", coding(HealthCardCodes.cvxSystem, cvx)),
            .init("patient", .object([.init("reference", .string("resource:0"))])),
            .init("occurrenceDateTime", .string(date)),
            .init("performer", .array([.object([.init("actor", display(entry))])])),
        ]
        if let lot { members.append(.init("lotNumber", .string(lot))) }
        members.append(
            .init(
                "protocolApplied",
                .array([
                    .object([
                        .init("doseNumberPositiveInt", .integer(dose)),
                        .init("seriesDosesPositiveInt", .integer(series)),
                    ])
                ])))
        return .object(members)
    }

    static func observation(_ entry: JSONValue?) throws(CertificateError) -> JSONValue {
        guard let entry, let type = entry["tt"]?.stringValue, let loinc = HealthCardCodes.loincByTestType[type],
            let sampled = entry["sc"]?.stringValue, let result = entry["tr"]?.stringValue
        else {
            throw CertificateError(.invalidPayload, "the test has no known type, sample time or result")
        }
        let snomed = result == HealthCardCodes.detected ? HealthCardCodes.positive : HealthCardCodes.negative
        return labObservation(loinc: loinc, effective: sampled, snomed: snomed, entry: entry)
    }

    /// A recovery certificate's card: the positive PCR result it was issued from.
    static func recoveryObservation(_ entry: JSONValue?) throws(CertificateError) -> JSONValue {
        guard let entry, let firstPositive = entry["fr"]?.stringValue else {
            throw CertificateError(.invalidPayload, "the recovery has no first positive result")
        }
        return labObservation(
            loinc: HealthCardCodes.loincByTestType["LP6464-4"] ?? "", effective: firstPositive,
            snomed: HealthCardCodes.positive, entry: entry)
    }

    static func labObservation(loinc: String, effective: String, snomed: String, entry: JSONValue) -> JSONValue {
        .object([
            .init("resourceType", .string("Observation")),
            .init("status", .string("final")),
            .init("code", coding(HealthCardCodes.loincSystem, loinc)),
            .init("subject", .object([.init("reference", .string("resource:0"))])),
            .init("effectiveDateTime", .string(effective)),
            .init("performer", .array([display(entry)])),
            .init("valueCodeableConcept", coding(HealthCardCodes.snomedSystem, snomed)),
        ])
    }

    static func coding(_ system: String, _ code: String) -> JSONValue {
        .object([.init("coding", .array([.object([.init("system", .string(system)), .init("code", .string(code))])]))])
    }

    /// The issuer as a display-only reference.
    static func display(_ entry: JSONValue) -> JSONValue {
        .object([.init("display", .string(entry["is"]?.stringValue ?? ""))])
    }
}
