public import Foundation

/// The EU value sets a verifier checks coded members against and entry rules read as `external.valueSets`: for each
/// value-set id, the codes it holds.
public struct ValueSets: Sendable, Hashable {
    /// Codes by value-set id.
    public let codes: [String: Set<String>]
    /// Value-set id → array of codes, in the order given: the form rules receive.
    public let json: JSONValue

    /// Reads either layout: an object of value-set id → array of codes (the rules' test data), or the gateway's
    /// value-set objects (`valueSetId`, `valueSetValues` keyed by code), as an array or as an object of them.
    public init(json: JSONValue) throws(CertificateError) {
        var sets: [(String, [String])] = []
        switch json {
        case .object(let members):
            for member in members { sets.append((member.key, try Self.codes(of: member.value, id: member.key))) }
        case .array(let elements):
            for element in elements {
                guard let id = element["valueSetId"]?.stringValue else {
                    throw CertificateError(.invalidValueSets, "a value set without a valueSetId")
                }
                sets.append((id, try Self.codes(of: element, id: id)))
            }
        default:
            throw CertificateError(.invalidValueSets, "value sets must be a JSON object or array")
        }
        let missing = ValueSetCheck.requiredValueSets.subtracting(sets.map(\.0))
        guard missing.isEmpty else {
            throw CertificateError(
                .invalidValueSets, "missing value sets: \(missing.sorted().joined(separator: ", "))")
        }
        codes = Dictionary(sets.map { ($0.0, Set($0.1)) }, uniquingKeysWith: { $0.union($1) })
        self.json = .object(sets.map { JSONValue.Member($0.0, .array($0.1.map(JSONValue.string))) })
    }

    /// The codes of one value set: an array of strings, or a gateway object whose `valueSetValues` keys are codes.
    static func codes(of value: JSONValue, id: String) throws(CertificateError) -> [String] {
        switch value {
        case .array(let elements):
            var codes: [String] = []
            for element in elements {
                guard let code = element.stringValue else {
                    throw CertificateError(.invalidValueSets, "value set \(id) holds a code that is not a string")
                }
                codes.append(code)
            }
            return codes
        case .object:
            guard case .object(let values) = value["valueSetValues"] else {
                throw CertificateError(.invalidValueSets, "value set \(id) has no valueSetValues object")
            }
            return values.map(\.key)
        default:
            throw CertificateError(.invalidValueSets, "value set \(id) is neither a list of codes nor an object")
        }
    }

    /// Reads value sets from JSON text.
    public init(data: Data) throws(CertificateError) {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CertificateError(.invalidValueSets, "not JSON")
        }
        try self.init(json: json)
    }

    /// Whether `code` is one of the value set's codes; false for an unknown value set.
    public func contains(_ code: String, in valueSet: String) -> Bool {
        codes[valueSet]?.contains(code) ?? false
    }

    /// The EU value sets shipped with the project (`Resources/valuesets/valueSets.json`).
    public static let european: ValueSets = {
        guard let url = Bundle.module.url(forResource: "valuesets/valueSets", withExtension: "json"),
            let data = try? Data(contentsOf: url), let sets = try? ValueSets(data: data)
        else { preconditionFailure("the bundled EU value sets are missing or unreadable") }
        return sets
    }()
}
