/// The distinguished name of a certificate this system issues: C, O and CN, in that order.
public struct CertificateSubject: Sendable, Hashable {
    /// The commonName (CN=); must not be empty.
    public var commonName: String
    /// The two-letter ISO 3166 countryName (C=).
    public var country: String?
    /// The organizationName (O=).
    public var organization: String?

    /// A subject with the given attributes.
    public init(commonName: String, country: String? = nil, organization: String? = nil) {
        self.commonName = commonName
        self.country = country
        self.organization = organization
    }
}
