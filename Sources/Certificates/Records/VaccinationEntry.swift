/// One vaccination dose as recorded, for the `v` entry of a DCC (eu-dcc-schema 1.3.x `vaccination_entry`).
public struct VaccinationEntry: Sendable, Hashable {
    /// The vaccine medicinal product code (`mp`); `ma` and `vp` come from ``VaccineProduct``.
    public var productCode: String
    /// Dose number (`dn`) and total doses in the series (`sd`), in the EU notation (a booster after two doses is
    /// 3/3, after one dose or a recovery 2/1).
    public var doseNumber: Int
    public var totalDoses: Int
    /// Date of vaccination (`dt`), `YYYY-MM-DD`.
    public var date: String
    /// Country of vaccination (`co`), ISO 3166-1 alpha-2.
    public var country: String
    /// Certificate issuer (`is`).
    public var issuer: String
    /// The UVCI (`ci`); nil lets the issuer generate one.
    public var certificateIdentifier: String?

    public init(
        productCode: String, doseNumber: Int, totalDoses: Int, date: String, country: String, issuer: String,
        certificateIdentifier: String? = nil
    ) {
        self.productCode = productCode
        self.doseNumber = doseNumber
        self.totalDoses = totalDoses
        self.date = date
        self.country = country
        self.issuer = issuer
        self.certificateIdentifier = certificateIdentifier
    }

    func json() throws(CertificateError) -> JSONValue {
        let product = try VaccineProduct(code: productCode)
        guard doseNumber >= 1, totalDoses >= 1 else {
            throw CertificateError(.invalidPayload, "dose \(doseNumber)/\(totalDoses): both must be at least 1")
        }
        var members: [JSONValue.Member] = [
            .init("tg", .string(DCCPayload.diseaseAgentTargeted)),
            .init("vp", .string(product.prophylaxis)),
            .init("mp", .string(product.code)),
            .init("ma", .string(product.marketingAuthorisationHolder)),
            .init("dn", .integer(Int64(doseNumber))),
            .init("sd", .integer(Int64(totalDoses))),
            .init("dt", .string(try DCCPayload.checkedDate(date, field: "date of vaccination"))),
            .init("co", .string(try DCCPayload.checkedCountry(country, field: "country of vaccination"))),
            .init("is", .string(try DCCPayload.checkedText(issuer, field: "certificate issuer"))),
        ]
        if let certificateIdentifier {
            members.append(.init("ci", .string(try DCCPayload.checkedText(certificateIdentifier, field: "UVCI"))))
        }
        return .object(members)
    }
}
