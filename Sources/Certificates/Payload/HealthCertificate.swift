/// The DCC payload ("hcert", eu-dcc-schema): `ver`, `nam`, `dob` and exactly one of the `v`, `t`, `r` groups,
/// held as JSON so every field survives exactly as issued.
public struct HealthCertificate: Sendable, Hashable {
    public let json: JSONValue
    /// The type by which group is present, nil unless exactly one of v, t, r is; found once, as the payload is fixed.
    public let type: CertificateType?

    public init(json: JSONValue) {
        self.json = json
        self.type = Self.type(of: json)
    }

    /// The hcert decoded from the CWT's -260/1 claim.
    public init(cbor: CBORValue) {
        self.init(json: JSONValue(cbor: cbor))
    }

    /// The single group of v, t, r that `json` holds, nil when it holds none or several.
    static func type(of json: JSONValue) -> CertificateType? {
        guard case .object(let members) = json else { return nil }
        var found: CertificateType?
        // Only one-character names can be a group; repeats of one group's name still make one group.
        for member in members where member.key.utf8.count == 1 {
            guard let type = CertificateType(rawValue: member.key), type != found else { continue }
            guard found == nil else { return nil }
            found = type
        }
        return found
    }

    /// The schema version the payload declares.
    public var schemaVersion: String? { json["ver"]?.stringValue }

    /// The UVCI of the certificate's single entry.
    public var certificateIdentifier: String? {
        guard let type, case .array(let entries) = json[type.rawValue], let entry = entries.first else { return nil }
        return entry["ci"]?.stringValue
    }

    /// Checks the payload against the eu-dcc-schema rules of the version it declares.
    public func validate() throws(CertificateError) {
        try DCCSchemaValidator(json: json).validate()
    }
}
