/// A COVID-19 vaccine of the EU DCC value sets with the codes its vaccination entries carry: `mp` from
/// vaccine-medicinal-product, `ma` from vaccine-mah-manf and `vp` from vaccine-prophylaxis (eHealth Network
/// eu-dcc-valuesets, and its vaccine encoding instructions for which `ma` and `vp` go with each product).
public struct VaccineProduct: Sendable, Hashable {
    /// The medicinal product code (`mp`): the EU authorisation number, or the value set's name for others.
    public let code: String
    /// The product's display name in the value set.
    public let name: String
    /// The marketing authorisation holder or manufacturer code (`ma`).
    public let marketingAuthorisationHolder: String
    /// The vaccine or prophylaxis code (`vp`).
    public let prophylaxis: String

    /// `vp` SNOMED CT 1119349007, "SARS-CoV-2 mRNA vaccine".
    public static let messengerRNAVaccine = "1119349007"
    /// `vp` ATC J07BX03, "covid-19 vaccines": the code the encoding instructions allow for every product, and the
    /// one every verifier holding the 2021 value set knows.
    public static let covid19Vaccine = "J07BX03"

    init(code: String, name: String, marketingAuthorisationHolder: String, prophylaxis: String) {
        self.code = code
        self.name = name
        self.marketingAuthorisationHolder = marketingAuthorisationHolder
        self.prophylaxis = prophylaxis
    }

    /// The product with this `mp` code; an unknown code is an error, never a guess.
    public init(code: String) throws(CertificateError) {
        guard let product = Self.all.first(where: { $0.code == code }) else {
            throw CertificateError(.unknownVaccineProduct, "no vaccine medicinal product \(code) in the value sets")
        }
        self = product
    }

    /// Every product this table holds.
    public static let all: [VaccineProduct] = [
        VaccineProduct(
            code: "EU/1/20/1528", name: "Comirnaty", marketingAuthorisationHolder: "ORG-100030215",
            prophylaxis: messengerRNAVaccine),
        VaccineProduct(
            code: "EU/1/20/1507", name: "Spikevax", marketingAuthorisationHolder: "ORG-100031184",
            prophylaxis: messengerRNAVaccine),
        VaccineProduct(
            code: "EU/1/21/1529", name: "Vaxzevria", marketingAuthorisationHolder: "ORG-100001699",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "EU/1/20/1525", name: "COVID-19 Vaccine Janssen (Jcovden)",
            marketingAuthorisationHolder: "ORG-100001417", prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "EU/1/21/1618", name: "Nuvaxovid", marketingAuthorisationHolder: "ORG-100032020",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "BBIBP-CorV", name: "BBIBP-CorV (Sinopharm)", marketingAuthorisationHolder: "ORG-100020693",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "Sputnik-V", name: "Sputnik-V", marketingAuthorisationHolder: "Gamaleya-Research-Institute",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "Sputnik-Light", name: "Sputnik Light", marketingAuthorisationHolder: "Gamaleya-Research-Institute",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "CoronaVac", name: "CoronaVac", marketingAuthorisationHolder: "Sinovac-Biotech",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "Covaxin", name: "Covaxin", marketingAuthorisationHolder: "Bharat-Biotech",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "Covishield", name: "Covishield", marketingAuthorisationHolder: "ORG-100001981",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "Convidecia", name: "Convidecia", marketingAuthorisationHolder: "ORG-100013793",
            prophylaxis: covid19Vaccine),
        VaccineProduct(
            code: "Hayat-Vax", name: "Hayat-Vax", marketingAuthorisationHolder: "ORG-100023050",
            prophylaxis: covid19Vaccine),
    ]
}
