/// An appointment as the API and `healthctl appointments` show it. The check-in code is shown to citizens (the
/// person proves presence with it) and to staff only in the answer to their own booking.
public struct AppointmentView: Encodable, Hashable, Sendable {
    public let id: String
    public let slotId: String
    public let personId: String
    public let service: String
    public let centreId: String
    public let start: Timestamp
    public let status: Appointment.Status
    public let checkInCode: String?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(_ appointment: Appointment, showingCode: Bool) {
        id = appointment.id
        slotId = appointment.slotId
        personId = appointment.personId
        service = appointment.service
        centreId = appointment.centreId
        start = appointment.start
        status = appointment.status
        checkInCode = showingCode ? appointment.checkInCode : nil
        createdAt = appointment.createdAt
        updatedAt = appointment.updatedAt
    }

    public init(_ appointment: Appointment, for principal: Principal) {
        self.init(appointment, showingCode: principal.role == .citizen)
    }
}
