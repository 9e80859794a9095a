/// A JSON object inside a FHIR resource, read with errors that name the element's path, never its value.
///
/// FHIR JSON (R4 §2.6.2) never holds empty strings, so an empty string reads as an absent one, as does null.
struct FHIRElement: Sendable {
    let object: ImportJSONValue
    /// Where this object is, for messages: `Observation.subject`.
    let path: String

    /// The member `key`, nil when it is absent or null.
    func value(_ key: String) -> ImportJSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// The name of the first member that is not null and whose name satisfies `predicate`.
    func firstKey(where predicate: (String) -> Bool) -> String? {
        guard case .object(let members) = object else { return nil }
        return members.first { !$0.value.isNull && predicate($0.key) }?.key
    }

    /// The string `key`, nil when it is absent.
    func string(_ key: String) throws(ServiceError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw ServiceError(.invalidField, "\(path).\(key) must be a string.")
        }
        return text.isEmpty ? nil : text
    }

    /// The object `key`, nil when it is absent.
    func element(_ key: String) throws(ServiceError) -> FHIRElement? {
        guard let value = value(key) else { return nil }
        guard value.isObject else {
            throw ServiceError(.invalidField, "\(path).\(key) must be an object.")
        }
        return FHIRElement(object: value, path: "\(path).\(key)")
    }

    /// The objects of the array `key`, empty when it is absent.
    func elements(_ key: String) throws(ServiceError) -> [FHIRElement] {
        guard let value = value(key) else { return [] }
        guard let items = value.arrayValue else {
            throw ServiceError(.invalidField, "\(path).\(key) must be an array.")
        }
        var elements: [FHIRElement] = []
        elements.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard item.isObject else {
                throw ServiceError(.invalidField, "\(path).\(key)[\(index)] must be an object.")
            }
            elements.append(FHIRElement(object: item, path: "\(path).\(key)[\(index)]"))
        }
        return elements
    }

    /// The `system` and `code` of each coding of this CodeableConcept (R4 §2.24.0.3).
    func codings() throws(ServiceError) -> [FHIRCoding] {
        var codings: [FHIRCoding] = []
        for coding in try elements("coding") {
            codings.append(FHIRCoding(system: try coding.string("system"), code: try coding.string("code")))
        }
        return codings
    }
}

/// A code and the code system it is from, as a FHIR Coding states them.
struct FHIRCoding: Hashable {
    let system: String?
    let code: String?

    static let loinc = "http://loinc.org"
    static let snomed = "http://snomed.info/sct"

    /// `system|code`, the usual FHIR token form, cut short and printable for messages.
    var token: String { ImportText.printable("\(system ?? "")|\(code ?? "")") }
}
