/// The person a DCC is about, as recorded: names as written, their Latin forms when the population register
/// holds them, and date of birth (eu-dcc-schema `nam`, `dob`).
public struct CertificateHolder: Sendable, Hashable {
    /// Surname(s) as written (`fn`).
    public var familyName: String
    /// Forename(s) as written (`gn`), nil when the person has none.
    public var givenName: String?
    /// The family name as printed in Latin letters in the passport, when known: `fnt` is made from it.
    public var familyNameLatin: String?
    /// The given name as printed in Latin letters in the passport, when known: `gnt` is made from it.
    public var givenNameLatin: String?
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only part of the date is known (eu-dcc-schema `dob`).
    public var dateOfBirth: String

    public init(
        familyName: String, givenName: String? = nil, familyNameLatin: String? = nil, givenNameLatin: String? = nil,
        dateOfBirth: String
    ) {
        self.familyName = familyName
        self.givenName = givenName
        self.familyNameLatin = familyNameLatin
        self.givenNameLatin = givenNameLatin
        self.dateOfBirth = dateOfBirth
    }

    /// The `nam` object: `fn`/`gn` as written; `fnt`/`gnt` from the Latin forms normalised by ICAO 9303, else
    /// transliterated from `fn`/`gn`. An empty or blank given name is left out. A name part the ICAO tables do
    /// not cover and that has no Latin form fails with `name-needs-latin-form`.
    func nameJSON() throws(CertificateError) -> JSONValue {
        let family = try DCCPayload.checkedText(familyName, field: "family name")
        var members = [JSONValue.Member("fn", .string(family))]
        var standardised = [JSONValue.Member("fnt", .string(try Self.standardised(family, latin: familyNameLatin)))]
        if let givenName, !DCCPayload.isBlank(givenName) {
            let given = try DCCPayload.checkedText(givenName, field: "given name")
            members.append(.init("gn", .string(given)))
            standardised.append(.init("gnt", .string(try Self.standardised(given, latin: givenNameLatin))))
        }
        return .object(members + standardised)
    }

    /// The ICAO 9303 form of one name part: its Latin form normalised, else the name transliterated.
    static func standardised(_ name: String, latin: String?) throws(CertificateError) -> String {
        if let latin {
            guard let normalised = ICAOName.normalisedLatin(latin) else {
                throw CertificateError(.invalidPayload, "a Latin name form holds letters outside the Latin script")
            }
            return normalised
        }
        guard let transliterated = ICAOName.transliterated(name) else {
            throw CertificateError(.nameNeedsLatinForm, "no ICAO 9303 table covers the name and no Latin form is known")
        }
        return transliterated
    }

    func birthDateJSON() throws(CertificateError) -> JSONValue {
        .string(try DCCPayload.checkedPartialDate(dateOfBirth, field: "date of birth"))
    }
}
