import HealthServices
import Hummingbird

/// An appointment as the API shows it. The check-in code is shown to citizens (the person proves presence
/// with it) and to staff only in the answer to their own booking.
struct AppointmentResponse: ResponseEncodable, Hashable {
    let id: String
    let slotId: String
    let personId: String
    let service: String
    let centreId: String
    let start: Timestamp
    let status: Appointment.Status
    let checkInCode: String?
    let createdAt: Timestamp
    let updatedAt: Timestamp

    init(_ appointment: Appointment, showingCode: Bool) {
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

    init(_ appointment: Appointment, for principal: Principal) {
        self.init(appointment, showingCode: principal.role == .citizen)
    }
}
