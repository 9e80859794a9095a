/// The COSE signature algorithms an EU DCC may use (hcert spec §3.3.1; IANA COSE Algorithms registry).
public enum COSEAlgorithm: Int64, Sendable, Hashable {
    /// ECDSA with SHA-256 on P-256, signature as raw r||s (RFC 9053 §2.1).
    case es256 = -7
    /// RSASSA-PSS with SHA-256 and MGF1-SHA-256 (RFC 8230 §2).
    case ps256 = -37

    public var name: String {
        switch self {
        case .es256: "ES256"
        case .ps256: "PS256"
        }
    }
}
