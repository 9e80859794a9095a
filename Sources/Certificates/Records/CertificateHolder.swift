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
    ///
    /// A register may hold a name part longer than the schema's 80 characters (up to 100 over both parts), and a
    /// transliteration may grow past them (`Щ` is `SHCH`): each member is then cut to its first 80 characters, as a
    /// passport's machine-readable zone cuts a long name, so the record still gets its certificate.
    func nameJSON() throws(CertificateError) -> JSONValue {
        guard !DCCPayload.isBlank(familyName) else { throw CertificateError(.invalidPayload, "family name is empty") }
        var members = [JSONValue.Member("fn", .string(Self.cut(familyName)))]
        var standardised = [
            JSONValue.Member(
                "fnt", .string(Self.cutStandardised(try Self.standardised(familyName, latin: familyNameLatin))))
        ]
        if let givenName, !DCCPayload.isBlank(givenName) {
            members.append(.init("gn", .string(Self.cut(givenName))))
            standardised.append(
                .init("gnt", .string(Self.cutStandardised(try Self.standardised(givenName, latin: givenNameLatin)))))
        }
        return .object(members + standardised)
    }

    /// `name` cut to the schema's limit in whole characters (the limit counts code points), without the spaces
    /// the cut leaves at its end.
    static func cut(_ name: String) -> String {
        var scalars = 0
        var end = name.startIndex
        for index in name.indices {
            scalars += name[index].unicodeScalars.count
            guard scalars <= DCCPayload.maximumTextLength else { break }
            end = name.index(after: index)
        }
        var kept = name[..<end]
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return String(kept)
    }

    /// A standardised name (ASCII `A`-`Z` and `<`) cut to the schema's limit, without the fillers the cut leaves
    /// at its end.
    static func cutStandardised(_ name: String) -> String {
        var kept = name.utf8.prefix(DCCPayload.maximumTextLength)
        while kept.last == UInt8(ascii: "<") { kept.removeLast() }
        return String(decoding: kept, as: UTF8.self)
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
