import Certificates

/// The Patients and Specimens of a Bundle, found the ways a reference names them (R4 §2.36.0.2, §3.4.0.1): by
/// the entry's `fullUrl`, or by `Type/id` at the end of a relative or absolute URL.
struct FHIRReferenceIndex {
    /// The resource types Observations reference and the index holds.
    static let types: [StaticString] = ["Patient", "Specimen"]

    /// A resource of the Bundle and its `resourceType`.
    struct Resource {
        let type: String
        let element: FHIRElement
    }

    private var byFullURL: [String: Resource] = [:]
    private var byTypeAndID: [String: Resource] = [:]

    /// Indexes the Patients and Specimens among `entries`; the first of two under one name is kept.
    init(entries: [JSONTapeValue]) {
        for entry in entries {
            guard let resource = entry["resource"], let typeName = resource["resourceType"],
                let type = Self.types.first(where: typeName.isString)?.description
            else { continue }
            let indexed = Resource(type: type, element: FHIRElement(resource: resource, type: type))
            if let fullURL = entry["fullUrl"]?.stringValue, byFullURL[fullURL] == nil {
                byFullURL[fullURL] = indexed
            }
            if let id = resource["id"]?.stringValue {
                let key = type + "/" + id
                if byTypeAndID[key] == nil { byTypeAndID[key] = indexed }
            }
        }
    }

    /// The `type` resource that `reference` (the `reference` of the element at `path`) names.
    func resource(_ reference: String, type: String, path: String) throws(ServiceError) -> FHIRElement {
        if let found = byFullURL[reference] ?? byTypeAndID[reference] ?? byTypeAndID[Self.typeAndID(of: reference)] {
            guard found.type == type else {
                throw ServiceError(.invalidField, "\(path).reference must name a \(type), not a \(found.type).")
            }
            return found.element
        }
        let parts = Self.typeAndID(of: reference).split(separator: "/")
        if parts.count == 2, parts[0] != type, parts[0].first?.isUppercase == true {
            throw ServiceError(
                .invalidField,
                "\(path).reference must name a \(type), not a \(ServiceError.printable(String(parts[0])))."
            )
        }
        throw ServiceError(.fhirUnresolvedReference, "\(path).reference names a \(type) that is not in the Bundle.")
    }

    /// `Type/id` from the end of a reference, without a `/_history/version` suffix.
    static func typeAndID(of reference: String) -> String {
        var parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 4, parts[parts.count - 2] == "_history" {
            parts.removeLast(2)
        }
        return parts.suffix(2).joined(separator: "/")
    }
}
