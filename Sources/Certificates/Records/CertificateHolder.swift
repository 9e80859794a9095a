/// The person a DCC is about, as recorded: names as written and date of birth (eu-dcc-schema `nam`, `dob`).
/// The ICAO 9303 forms `fnt`/`gnt` are added by `CertificateIssuer.prepare`.
public struct CertificateHolder: Sendable, Hashable {
    /// Surname(s) as written (`fn`).
    public var familyName: String
    /// Forename(s) as written (`gn`), nil when the person has none.
    public var givenName: String?
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only part of the date is known (eu-dcc-schema `dob`).
    public var dateOfBirth: String

    public init(familyName: String, givenName: String? = nil, dateOfBirth: String) {
        self.familyName = familyName
        self.givenName = givenName
        self.dateOfBirth = dateOfBirth
    }

    /// The `nam` object; an empty or blank given name is left out.
    func nameJSON() throws(CertificateError) -> JSONValue {
        var members = [JSONValue.Member("fn", .string(try DCCPayload.checkedText(familyName, field: "family name")))]
        if let givenName, !DCCPayload.isBlank(givenName) {
            members.append(.init("gn", .string(try DCCPayload.checkedText(givenName, field: "given name"))))
        }
        return .object(members)
    }

    func birthDateJSON() throws(CertificateError) -> JSONValue {
        .string(try DCCPayload.checkedPartialDate(dateOfBirth, field: "date of birth"))
    }
}
