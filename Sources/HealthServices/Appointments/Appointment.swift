/// A person's booking of one seat in a slot. Vaccinations (and results) attach to it by `id`.
public struct Appointment: Sendable, Hashable, Codable {
    /// Where an appointment stands: `booked`, then `checked-in` and `completed`, or `cancelled` while still booked.
    /// Stored in `appointments.status` and shown in the API's JSON, whose `status` filter takes the same raw values.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Holds a seat; at most one per person and service.
        case booked
        /// The person arrived and showed the check-in code.
        case checkedIn = "checked-in"
        /// The visit's record exists: the dose was recorded, or the sample's result arrived.
        case completed
        case cancelled
    }

    public let id: String
    public let slotId: String
    public let personId: String
    /// The catalogue service id (from the slot).
    public let service: String
    public let centreId: String
    public let start: Timestamp
    public let status: Status
    /// Four digits the person shows at the centre.
    public let checkInCode: String
    /// The audit name of whoever booked it (the citizen, a guardian, or staff).
    public let bookedBy: String
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    package init(
        id: String,
        slotId: String,
        personId: String,
        service: String,
        centreId: String,
        start: Timestamp,
        status: Status,
        checkInCode: String,
        bookedBy: String,
        createdAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.id = id
        self.slotId = slotId
        self.personId = personId
        self.service = service
        self.centreId = centreId
        self.start = start
        self.status = status
        self.checkInCode = checkInCode
        self.bookedBy = bookedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// This appointment with another status (and its update time).
    func with(status: Status, at now: Timestamp) -> Appointment {
        Appointment(
            id: id, slotId: slotId, personId: personId, service: service, centreId: centreId, start: start,
            status: status,
            checkInCode: checkInCode, bookedBy: bookedBy, createdAt: createdAt, updatedAt: now
        )
    }

    /// This appointment moved to `slot`.
    func moved(to slot: Slot, at now: Timestamp) -> Appointment {
        Appointment(
            id: id, slotId: slot.id, personId: personId, service: service, centreId: slot.centreId, start: slot.start,
            status: status,
            checkInCode: checkInCode, bookedBy: bookedBy, createdAt: createdAt, updatedAt: now
        )
    }
}
