/// The kind of an EU DCC, by the group its payload carries (eu-dcc-schema: exactly one of v, t, r).
public enum CertificateType: String, Sendable, Hashable, Codable, CaseIterable {
    case vaccination = "v"
    case test = "t"
    case recovery = "r"

    /// The DSC extended key usage OIDs that allow this type (hcert spec §5.1.1), with the variants seen in use.
    public var keyUsageOIDs: Set<String> {
        switch self {
        case .test: ["1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.1"]
        case .vaccination: ["1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.2"]
        case .recovery: ["1.3.6.1.4.1.1847.2021.1.3", "1.3.6.1.4.1.0.1847.2021.1.3"]
        }
    }

    /// Every OID that marks a DSC as restricted to particular types.
    public static let allKeyUsageOIDs: Set<String> = Set(allCases.flatMap(\.keyUsageOIDs))
}
