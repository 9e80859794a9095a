/// Someone the system keeps records for: an enrolled citizen, or a dependant a guardian acts for.
///
/// Results, vaccinations and certificates attach to `id`; `nationalId` is unique.
public struct Person: Sendable, Hashable, Codable {
    public let id: String
    public let nationalId: String
    public let dateOfBirth: CalendarDate
    public let name: String
    /// The mobile number one-time codes go to; nil for dependants and walk-ins without one.
    public let phone: String?
    /// The enrolled citizen who acts for this person, for dependants.
    public let guardianId: String?
    public let createdAt: Timestamp

    package init(
        id: String,
        nationalId: String,
        dateOfBirth: CalendarDate,
        name: String,
        phone: String?,
        guardianId: String?,
        createdAt: Timestamp
    ) {
        self.id = id
        self.nationalId = nationalId
        self.dateOfBirth = dateOfBirth
        self.name = name
        self.phone = phone
        self.guardianId = guardianId
        self.createdAt = createdAt
    }
}
