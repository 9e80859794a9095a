import Certificates

/// A person's name as the population register holds it: family and given names in their own script, and the
/// Latin forms printed in the passport when known. Certificates write `fn`/`gn` from the first two and
/// `fnt`/`gnt` from the Latin forms (else by ICAO 9303 transliteration).
public struct PersonName: Sendable, Hashable {
    /// The whole name on one line, for listings: the `name` given, else the given and family names joined.
    public let fullName: String
    public let familyName: String
    public let givenName: String?
    public let familyNameLatin: String?
    public let givenNameLatin: String?
    /// True when only a single `name` was given: then `familyName` is its last word and `givenName` the words
    /// before it, as the system has always split it.
    public let wasSplit: Bool

    /// The family name as stored: nil when it was split from `fullName` (the split is made again on reading).
    package var storedFamilyName: String? { wasSplit ? nil : familyName }
    /// The given names as stored: nil when they were split from `fullName`.
    package var storedGivenName: String? { wasSplit ? nil : givenName }

    /// The longest name part accepted, in Unicode scalars as sent.
    static let maxLength = 100

    /// A stored name: `familyName` nil means the person was registered with `fullName` alone.
    package init(
        fullName: String, familyName: String?, givenName: String?, familyNameLatin: String?, givenNameLatin: String?
    ) {
        self.fullName = fullName
        self.familyNameLatin = familyNameLatin
        self.givenNameLatin = givenNameLatin
        if let familyName {
            self.familyName = familyName
            self.givenName = givenName
            wasSplit = false
        } else {
            let words = fullName.split(whereSeparator: \.isWhitespace)
            self.familyName = words.last.map(String.init) ?? fullName
            let given = words.dropLast().joined(separator: " ")
            self.givenName = given.isEmpty ? nil : given
            wasSplit = true
        }
    }

    /// Checks the fields of a request: `familyName` (with an optional `givenName`) when given, else the single
    /// `name`, split; Latin forms must be written in Latin letters. Blank optional fields count as absent.
    init(checking fields: PersonNameFields) throws(ServiceError) {
        let family = try Self.checkedPart(fields.familyName, field: "familyName")
        let given = try Self.checkedPart(fields.givenName, field: "givenName")
        let familyLatin = try Self.checkedLatin(fields.familyNameLatin, field: "familyNameLatin")
        let givenLatin = try Self.checkedLatin(fields.givenNameLatin, field: "givenNameLatin")
        if let family {
            let name = try Self.checkedPart(fields.name, field: "name")
            let fullName = name ?? ([given, family].compactMap { $0 }.joined(separator: " "))
            // The whole name is stored and read back as `name`, whose limit it must keep.
            guard fullName.unicodeScalars.count <= Self.maxLength else {
                throw ServiceError(
                    .invalidName, "givenName and familyName together must be at most \(Self.maxLength) characters.")
            }
            self.init(
                fullName: fullName, familyName: family, givenName: given, familyNameLatin: familyLatin,
                givenNameLatin: givenLatin)
            try Self.checkLatin(givenLatin, of: givenName)
            return
        }
        guard given == nil else { throw ServiceError(.invalidName, "givenName needs a familyName beside it.") }
        guard let whole = fields.name else {
            throw ServiceError(.missingField, "The field 'familyName' (or, from older clients, 'name') is required.")
        }
        guard let name = try Self.checkedPart(whole, field: "name") else {
            throw ServiceError(
                .invalidName, "name must be 1 to \(Self.maxLength) characters without control characters.")
        }
        self.init(
            fullName: name, familyName: nil, givenName: nil, familyNameLatin: familyLatin, givenNameLatin: givenLatin)
        try Self.checkLatin(givenLatin, of: givenName)
    }

    /// The same name with the Latin forms an operator took from the register; nil leaves a form as it was.
    func withLatin(familyName family: String?, givenName given: String?) throws(ServiceError) -> PersonName {
        let familyLatin = try Self.checkedLatin(family, field: "familyNameLatin") ?? familyNameLatin
        let newGivenLatin = try Self.checkedLatin(given, field: "givenNameLatin")
        try Self.checkLatin(newGivenLatin, of: givenName)
        let givenLatin = newGivenLatin ?? givenNameLatin
        return PersonName(
            fullName: fullName, familyName: storedFamilyName, givenName: storedGivenName,
            familyNameLatin: familyLatin, givenNameLatin: givenLatin)
    }

    /// A Latin given name belongs to a given name: without one, certificates carry no `gn`, and so no `gnt`, and
    /// the Latin form would be accepted and then left out of every certificate.
    private static func checkLatin(_ latin: String?, of givenName: String?) throws(ServiceError) {
        guard givenName == nil, latin != nil else { return }
        throw ServiceError(
            .invalidName, "givenNameLatin needs a given name: the person's registered name has none (a single word).")
    }

    /// The trimmed text, nil when blank; refuses text over `maxLength` Unicode scalars as sent and control
    /// characters anywhere.
    static func checkedPart(_ text: String?, field: String) throws(ServiceError) -> String? {
        guard let text else { return nil }
        guard text.isPlainText(maxLength: maxLength) else {
            throw ServiceError(
                .invalidName, "\(field) must be 1 to \(maxLength) characters without control characters.")
        }
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A Latin form: as ``checkedPart(_:field:)``, and written in Latin letters (what ICAO 9303 normalises).
    static func checkedLatin(_ text: String?, field: String) throws(ServiceError) -> String? {
        guard let latin = try checkedPart(text, field: field) else { return nil }
        guard ICAOName.normalisedLatin(latin) != nil else {
            throw ServiceError(.invalidName, "\(field) must be written in Latin letters, as in the passport.")
        }
        return latin
    }
}
