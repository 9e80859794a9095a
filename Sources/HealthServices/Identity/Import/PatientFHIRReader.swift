import Certificates

/// Reads FHIR R4 Patients (JSON) as people: a Bundle of Patients, or one Patient.
///
/// - national ID: the `identifier` whose `system` mentions "cpr", else the only `identifier`;
/// - date of birth: `birthDate`;
/// - names: the first `name` gives `familyName` (`family`) and `givenName` (the `given` joined by spaces), or
///   `name` (its `text`) when it has no `family`; a later `name` of `use` `official` gives the Latin forms;
/// - phone: the `telecom` of `system` `phone` and `use` `mobile`.
enum PatientFHIRReader {
    static func read(_ bytes: [UInt8]) throws(ServiceError) -> [PersonImportRow] {
        let root = try JSONTapeParser.parseImport(ImportText.withoutByteOrderMark(bytes))
        if root.isObject, root["resourceType"]?.stringValue == "Patient" {
            return [row(root, location: "Patient")]
        }
        return try LabResultFHIRReader.entries(of: root).enumerated().map { offset, entry in
            let location = "entry \(offset + 1)"
            guard let resource = entry["resource"], resource.isObject else {
                return PersonImportRow(
                    location: location, fields: .failure(ServiceError(.missingField, "The entry holds no resource.")))
            }
            guard resource["resourceType"]?.stringValue == "Patient" else {
                let error = ServiceError(.fhirUnsupportedResource, "Only Patient entries are imported as people.")
                return PersonImportRow(location: location, fields: .failure(error))
            }
            return row(resource, location: location)
        }
    }

    static func row(_ resource: JSONTapeValue, location: String) -> PersonImportRow {
        let patient = FHIRElement(resource: resource, type: "Patient")
        return PersonImportRow(
            location: location, fields: Result { () throws(ServiceError) in try fields(of: patient) })
    }

    static func fields(of patient: FHIRElement) throws(ServiceError) -> PersonImportRow.Fields {
        var fields = PersonImportRow.Fields()
        let identifiers = try LabResultFHIRReader.identifierValues(of: patient)
        if let cpr = identifiers.first(where: { $0.system.map { ImportText.mentions($0, "cpr") } == true }) {
            fields.nationalId = cpr.value
        } else if identifiers.count == 1 {
            fields.nationalId = identifiers[0].value
        } else {
            throw ServiceError(.missingField, "Patient.identifier needs the CPR number.")
        }
        guard let birthDate = try patient.string("birthDate") else {
            throw ServiceError(.missingField, "Patient.birthDate is required.")
        }
        fields.dateOfBirth = birthDate
        let names = try patient.elements("name")
        guard let native = names.first else { throw ServiceError(.missingField, "Patient.name is required.") }
        fields.names.familyName = try native.string("family")
        fields.names.givenName = try givenNames(of: native)
        if fields.names.familyName == nil { fields.names.name = try native.string("text") }
        for name in names.dropFirst() {
            guard try name.string("use") == "official" else { continue }
            fields.names.familyNameLatin = try name.string("family")
            fields.names.givenNameLatin = try givenNames(of: name)
            break
        }
        for telecom in try patient.elements("telecom") {
            guard try telecom.string("system") == "phone", try telecom.string("use") == "mobile" else { continue }
            fields.phone = try telecom.string("value")
            break
        }
        return fields
    }

    /// The `given` names of a HumanName joined by spaces; nil when there are none.
    static func givenNames(of name: FHIRElement) throws(ServiceError) -> String? {
        guard let value = name.value("given") else { return nil }
        guard let items = value.arrayValue else {
            throw ServiceError(.invalidField, "\(name.path).given must be an array.")
        }
        var given: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw ServiceError(.invalidField, "\(name.path).given must hold strings.")
            }
            if !text.isEmpty { given.append(text) }
        }
        return given.isEmpty ? nil : given.joined(separator: " ")
    }
}
