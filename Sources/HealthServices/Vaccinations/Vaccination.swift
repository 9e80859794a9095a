/// One vaccine dose a person had: given at a checked-in appointment here, or abroad as an operator recorded it.
///
/// Dose numbers follow the EU DCC notation: `3/3` for a booster after a two-dose course, `2/1` for a booster
/// after a single-dose course or a recovery.
public struct Vaccination: Sendable, Hashable, Codable {
    public let id: String
    public let personId: String
    /// The catalogue's vaccine service (one per product).
    public let service: String
    /// The appointment it was given at; nil for a dose given abroad.
    public let appointmentId: String?
    public let doseNumber: Int
    public let totalDoses: Int
    public let administeredAt: Timestamp
    public let lot: String?
    /// ISO 3166-1 alpha-2 country where the dose was given.
    public let country: String
    public let recordedBy: String
    public let recordedAt: Timestamp
    /// The centre of its appointment; nil for a dose given abroad.
    public let centreId: String?

    package init(
        id: String,
        personId: String,
        service: String,
        appointmentId: String?,
        doseNumber: Int,
        totalDoses: Int,
        administeredAt: Timestamp,
        lot: String?,
        country: String,
        recordedBy: String,
        recordedAt: Timestamp,
        centreId: String?
    ) {
        self.id = id
        self.personId = personId
        self.service = service
        self.appointmentId = appointmentId
        self.doseNumber = doseNumber
        self.totalDoses = totalDoses
        self.administeredAt = administeredAt
        self.lot = lot
        self.country = country
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.centreId = centreId
    }

    /// Whether this dose completes a primary course or is a booster.
    public var completesCourse: Bool { doseNumber >= totalDoses }
}
