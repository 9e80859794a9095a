/// Staff listings of appointments: each filter optional; results by slot start, then id.
public struct AppointmentFilter: Sendable, Hashable {
    public var centreId: String?
    public var personId: String?
    /// Appointments whose slot starts on this date in Bahrain (see `Timestamp.civilDate`).
    public var date: CalendarDate?
    public var status: Appointment.Status?
    public var limit: Int

    public init(
        centreId: String? = nil, personId: String? = nil, date: CalendarDate? = nil, status: Appointment.Status? = nil,
        limit: Int = AppointmentService.listLimit.defaultCount
    ) {
        self.centreId = centreId
        self.personId = personId
        self.date = date
        self.status = status
        self.limit = limit
    }
}
