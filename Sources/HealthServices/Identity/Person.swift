/// Someone the system keeps records for: an enrolled citizen, or a dependant a guardian acts for.
///
/// Results, vaccinations and certificates attach to `id`; `nationalId` is unique.
public struct Person: Sendable, Hashable, Codable {
    public let id: String
    public let nationalId: String
    public let dateOfBirth: CalendarDate
    /// The whole name on one line: as registered by old clients, else the given and family names joined.
    public let name: String
    /// Family name in its own script, as the population register holds it (`fn` of certificates).
    public let familyName: String
    /// Given names in their own script (`gn`); nil when the person has none.
    public let givenName: String?
    /// The family name as printed in Latin letters in the passport (`fnt` is made from it).
    public let familyNameLatin: String?
    /// The given names as printed in Latin letters in the passport (`gnt` is made from them).
    public let givenNameLatin: String?
    /// True when the person was registered with one `name`: `familyName` is then its last word.
    public let nameWasSplit: Bool
    /// The mobile number one-time codes go to; nil for dependants and walk-ins without one.
    public let phone: String?
    /// The enrolled citizen who acts for this person, for dependants.
    public let guardianId: String?
    public let createdAt: Timestamp

    package init(
        id: String, nationalId: String, dateOfBirth: CalendarDate, name: PersonName, phone: String?,
        guardianId: String?, createdAt: Timestamp
    ) {
        self.id = id
        self.nationalId = nationalId
        self.dateOfBirth = dateOfBirth
        self.name = name.fullName
        familyName = name.familyName
        givenName = name.givenName
        familyNameLatin = name.familyNameLatin
        givenNameLatin = name.givenNameLatin
        nameWasSplit = name.wasSplit
        self.phone = phone
        self.guardianId = guardianId
        self.createdAt = createdAt
    }

    /// The name parts as one value.
    public var personName: PersonName {
        PersonName(
            fullName: name, familyName: nameWasSplit ? nil : familyName, givenName: nameWasSplit ? nil : givenName,
            familyNameLatin: familyNameLatin, givenNameLatin: givenNameLatin)
    }
}
