import Certificates

/// A JSON object inside a FHIR resource, read with errors that name the element's path, never its value.
///
/// FHIR JSON (R4 §2.6.2) never holds empty strings, so an empty string reads as an absent one, as does null.
struct FHIRElement: Sendable {
    let object: JSONTapeValue
    /// The path of the element holding this one (`Observation.code`), or the resource type for a resource.
    private let parent: String
    /// This element's name in `parent`, nil for a resource.
    private let member: StaticString?
    /// This element's place in the array `member`, when it is one.
    private let position: Int?

    /// The resource `resource`, of `type`.
    init(resource: JSONTapeValue, type: String) {
        self.init(object: resource, parent: type, member: nil, position: nil)
    }

    private init(object: JSONTapeValue, parent: String, member: StaticString?, position: Int?) {
        self.object = object
        self.parent = parent
        self.member = member
        self.position = position
    }

    /// Where this object is, for messages: `Observation.code.coding[0]`. Made only when asked for: most elements
    /// are read without an error to report.
    var path: String {
        guard let member else { return parent }
        guard let position else { return "\(parent).\(member)" }
        return "\(parent).\(member)[\(position)]"
    }

    /// The member `key`, nil when it is absent or null.
    func value(_ key: StaticString) -> JSONTapeValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// The name of the first member that is not null, starts with `prefix` and is not `except`.
    func firstKey(withPrefix prefix: StaticString, except: StaticString) -> String? {
        object.firstKey { key, value in
            !value.isNull && object.tape.string(at: key, hasPrefix: prefix)
                && !object.tape.string(at: key, equals: except)
        }
    }

    /// The string `key`, nil when it is absent.
    func string(_ key: StaticString) throws(ServiceError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw ServiceError(.invalidField, "\(path).\(key) must be a string.")
        }
        return text.isEmpty ? nil : text
    }

    /// The object `key`, nil when it is absent.
    func element(_ key: StaticString) throws(ServiceError) -> FHIRElement? {
        guard let value = value(key) else { return nil }
        guard value.isObject else {
            throw ServiceError(.invalidField, "\(path).\(key) must be an object.")
        }
        return FHIRElement(object: value, parent: path, member: key, position: nil)
    }

    /// The objects of the array `key`, empty when it is absent.
    func elements(_ key: StaticString) throws(ServiceError) -> [FHIRElement] {
        guard let value = value(key) else { return [] }
        guard let items = value.arrayValue else {
            throw ServiceError(.invalidField, "\(path).\(key) must be an array.")
        }
        let parent = path
        var elements: [FHIRElement] = []
        elements.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard item.isObject else {
                throw ServiceError(.invalidField, "\(parent).\(key)[\(index)] must be an object.")
            }
            elements.append(FHIRElement(object: item, parent: parent, member: key, position: index))
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
    var token: String { ServiceError.printable("\(system ?? "")|\(code ?? "")") }
}
