/// The sample id and the person's national ID of an Observation.
extension LabResultFHIRReader {
    /// The lab's sample id: the `identifier` whose `system` mentions "sample" or "specimen", else the first
    /// `identifier`, else `specimen.identifier`, else the referenced Specimen's `accessionIdentifier`, else the
    /// Specimen's first `identifier`.
    static func sampleID(of observation: FHIRElement, in index: FHIRReferenceIndex) throws(ServiceError) -> String {
        let identifiers = try identifierValues(of: observation)
        let marked = identifiers.first { system, _ in
            guard let system else { return false }
            return ImportText.mentions(system, "sample") || ImportText.mentions(system, "specimen")
        }
        if let (_, value) = marked ?? identifiers.first {
            return value
        }
        guard let specimen = try observation.element("specimen") else {
            throw ServiceError(
                .missingField, "Observation.identifier (or specimen.identifier) is required: it is the sample id.")
        }
        if let value = try specimen.element("identifier")?.string("value") {
            return value
        }
        guard let reference = try specimen.string("reference") else {
            throw ServiceError(
                .missingField, "Observation.specimen needs an identifier or a reference to a Specimen in the Bundle.")
        }
        let resource = try index.resource(reference, type: "Specimen", path: "Observation.specimen")
        if let value = try resource.element("accessionIdentifier")?.string("value") {
            return value
        }
        if let (_, value) = try identifierValues(of: resource).first {
            return value
        }
        throw ServiceError(
            .missingField, "The Specimen that Observation.specimen references has no accessionIdentifier or identifier."
        )
    }

    /// The person's national ID (CPR number): `subject.identifier`, else, of the Patient `subject.reference`
    /// names, the `identifier` whose `system` mentions "cpr", else its only `identifier`.
    static func nationalID(of observation: FHIRElement, in index: FHIRReferenceIndex) throws(ServiceError) -> String {
        guard let subject = try observation.element("subject") else {
            throw ServiceError(.missingField, "Observation.subject is required: it names the person tested.")
        }
        if let value = try subject.element("identifier")?.string("value") {
            return value
        }
        guard let reference = try subject.string("reference") else {
            throw ServiceError(
                .missingField, "Observation.subject needs an identifier or a reference to a Patient in the Bundle.")
        }
        let patient = try index.resource(reference, type: "Patient", path: "Observation.subject")
        let identifiers = try identifierValues(of: patient)
        if let (_, value) = identifiers.first(where: { $0.system.map { ImportText.mentions($0, "cpr") } == true }) {
            return value
        }
        switch identifiers.count {
        case 1:
            return identifiers[0].value
        case 0:
            throw ServiceError(.missingField, "The Patient that Observation.subject references has no identifier.")
        default:
            throw ServiceError(
                .fhirAmbiguousIdentifier,
                "The Patient that Observation.subject references has \(identifiers.count) identifiers and none with "
                    + "a CPR system.")
        }
    }

    /// The `identifier`s of a resource that have a value, with their systems, in order.
    static func identifierValues(of resource: FHIRElement) throws(ServiceError) -> [(system: String?, value: String)] {
        var identifiers: [(system: String?, value: String)] = []
        for identifier in try resource.elements("identifier") {
            if let value = try identifier.string("value") {
                identifiers.append((try identifier.string("system"), value))
            }
        }
        return identifiers
    }
}
