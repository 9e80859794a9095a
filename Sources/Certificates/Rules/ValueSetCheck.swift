/// The `value-sets` verification step: every coded member of the certificate's entries holds a code of the value
/// set eu-dcc-schema names for it, so a code no verifier knows (a country `XY`, a test device `9999`) is refused.
public struct ValueSetCheck: Sendable {
    public let valueSets: ValueSets

    public init(valueSets: ValueSets) {
        self.valueSets = valueSets
    }

    /// Each group's coded members and the value set each draws from (eu-dcc-schema's `valueset-uri`s).
    static let codedMembers: [CertificateType: [(member: String, valueSet: String)]] = [
        .vaccination: [
            ("tg", "disease-agent-targeted"), ("vp", "sct-vaccines-covid-19"), ("mp", "vaccines-covid-19-names"),
            ("ma", "vaccines-covid-19-auth-holders"), ("co", "country-2-codes"),
        ],
        .test: [
            ("tg", "disease-agent-targeted"), ("tt", "covid-19-lab-test-type"),
            ("ma", testDevices), ("tr", "covid-19-lab-result"), ("co", "country-2-codes"),
        ],
        .recovery: [("tg", "disease-agent-targeted"), ("co", "country-2-codes")],
    ]

    /// The value set a rapid antigen test's device (`ma`) is drawn from: the EU list of rapid antigen tests.
    public static let testDevices = "covid-19-lab-test-manufacturer-and-name"

    /// Every value set the check reads; imported value sets must hold them all.
    static let requiredValueSets = Set(codedMembers.values.flatMap { $0.map(\.valueSet) })

    /// The test type a test entry's device (`ma`) may be left empty for: a NAAT (PCR) test has no device, and
    /// member states' PCR certificates send `"ma": ""` (the conformance data holds them as valid: CH, HU, IT).
    static let testTypeWithoutDevice = "LP6464-4"

    /// Throws `value-set-violation` naming the first member whose code is not in its value set; members that are
    /// absent are the schema step's business.
    public func check(_ certificate: HealthCertificate) throws(CertificateError) {
        guard let type = certificate.type, let members = Self.codedMembers[type],
            case .array(let entries) = certificate.json[type.rawValue]
        else {
            throw CertificateError(.valueSetViolation, "the payload has no single group of entries")
        }
        for (index, entry) in entries.enumerated() {
            for (member, valueSet) in members {
                guard let value = entry[member] else { continue }
                if type == .test, member == "ma", value.stringValue == "",
                    entry["tt"]?.stringValue == Self.testTypeWithoutDevice
                {
                    continue
                }
                guard let code = value.stringValue, valueSets.contains(code, in: valueSet) else {
                    let shown = value.stringValue.map { "\"\($0)\"" } ?? "a non-string value"
                    throw CertificateError(
                        .valueSetViolation, "\(type.rawValue)[\(index)].\(member) \(shown) is not in \(valueSet)")
                }
            }
        }
    }
}
