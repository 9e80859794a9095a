/// A service of the catalogue that centres offer and slots are for: a kind of test, or one vaccine product.
public struct CareService: Sendable, Hashable, Codable {
    /// Whether a service is a test or a vaccine. Stored in `care_services.kind` and shown in the API's JSON. A
    /// `vaccine` has a product code and a minimum interval between doses (a check constraint), and only vaccines have
    /// doses recorded or that interval checked at booking.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case test
        case vaccine
    }

    /// A short stable slug such as `pcr` or `comirnaty`.
    public let id: String
    public let name: String
    public let kind: Kind
    /// The EU DCC medicinal product code (value set `vaccines-covid-19-names`), for vaccines.
    public let productCode: String?
    /// The least number of days between two doses of a vaccine, counted in calendar days (Bahrain's, see
    /// `Timestamp.civilDate`).
    public let minimumDaysBetweenDoses: Int?

    package init(id: String, name: String, kind: Kind, productCode: String?, minimumDaysBetweenDoses: Int?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.productCode = productCode
        self.minimumDaysBetweenDoses = minimumDaysBetweenDoses
    }
}
