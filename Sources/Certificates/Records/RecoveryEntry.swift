/// One recovery as recorded, for the `r` entry of a DCC (eu-dcc-schema 1.3.x `recovery_entry`). The validity
/// window is the caller's policy (the EU rule is day 11 to day 180 after the first positive result); this type
/// only insists that the dates are in order.
public struct RecoveryEntry: Sendable, Hashable {
    /// Date of the first positive NAAT result (`fr`), `YYYY-MM-DD`.
    public var firstPositiveResult: String
    /// Certificate valid from (`df`) and until (`du`), `YYYY-MM-DD`.
    public var validFrom: String
    public var validUntil: String
    /// Country of test (`co`), ISO 3166-1 alpha-2.
    public var country: String
    /// Certificate issuer (`is`).
    public var issuer: String
    /// The UVCI (`ci`); nil lets the issuer generate one.
    public var certificateIdentifier: String?

    public init(
        firstPositiveResult: String, validFrom: String, validUntil: String, country: String, issuer: String,
        certificateIdentifier: String? = nil
    ) {
        self.firstPositiveResult = firstPositiveResult
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.country = country
        self.issuer = issuer
        self.certificateIdentifier = certificateIdentifier
    }

    func json() throws(CertificateError) -> JSONValue {
        let first = try DCCPayload.checkedDate(firstPositiveResult, field: "first positive result")
        let from = try DCCPayload.checkedDate(validFrom, field: "valid from")
        let until = try DCCPayload.checkedDate(validUntil, field: "valid until")
        // Complete dates of one fixed shape order as text in calendar order.
        guard first <= from, from <= until else {
            throw CertificateError(
                .invalidPayload, "recovery dates out of order: first positive \(first), valid \(from) to \(until)")
        }
        var members: [JSONValue.Member] = [
            .init("tg", .string(DCCPayload.diseaseAgentTargeted)),
            .init("fr", .string(first)),
            .init("co", .string(try DCCPayload.checkedCountry(country, field: "country of test"))),
            .init("is", .string(try DCCPayload.checkedText(issuer, field: "certificate issuer"))),
            .init("df", .string(from)),
            .init("du", .string(until)),
        ]
        if let certificateIdentifier {
            members.append(.init("ci", .string(try DCCPayload.checkedText(certificateIdentifier, field: "UVCI"))))
        }
        return .object(members)
    }
}
