import HTTPTypes
import HealthServices
public import Hummingbird

/// `/v1/appointments`: book (with `Idempotency-Key`), list, show, cancel, reschedule, check in.
struct AppointmentController: Sendable {
    let appointments: AppointmentService
    let guard_: RouteGuard

    static let bookers: Set<Role> = [.citizen, .operator, .admin]
    static let viewers: Set<Role> = [.citizen, .vaccinator, .operator, .admin]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("v1/appointments", use: guard_.allow(Self.bookers, book))
        router.get("v1/appointments", use: guard_.allow(Self.viewers, list))
        router.get("v1/appointments/:id", use: guard_.allow(Self.viewers, show))
        router.delete("v1/appointments/:id", use: guard_.allow(Self.bookers, cancel))
        router.post("v1/appointments/:id/reschedule", use: guard_.allow(Self.bookers, reschedule))
        router.post("v1/appointments/:id/check-in", use: guard_.allow([.vaccinator, .operator, .admin], checkIn))
    }

    struct BookingBody: StrictJSONBody {
        let slotId: String
        let personId: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case slotId, personId }
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    @Sendable func book(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<AppointmentView>
    {
        let body = try await request.decodeStrict(BookingBody.self, context: context)
        let outcome = try await appointments.book(
            slotID: body.slotId, personID: body.personId, idempotencyKey: request.headers[Self.idempotencyKey],
            by: principal
        )
        let showingCode = principal.role == .citizen || outcome.appointment.bookedBy == principal.name
        return EditedResponse(
            status: .created, response: AppointmentView(outcome.appointment, showingCode: showingCode))
    }

    static let listParameters: Set<String> = ["centre", "person", "date", "status", "limit"]

    @Sendable func list(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [AppointmentView]
    {
        let query = try request.queryParameters(allowing: principal.isStaff ? Self.listParameters : [])
        var filter = AppointmentFilter(centreId: query["centre"], personId: query["person"])
        if let date = query["date"] {
            guard let day = CalendarDate(iso8601: date) else {
                throw ServiceError(.invalidDate, "date must be written YYYY-MM-DD.")
            }
            filter.date = day
        }
        if let status = query["status"] {
            guard let value = Appointment.Status(rawValue: status) else {
                throw ServiceError(.invalidStatus, "status must be booked, checked-in, completed or cancelled.")
            }
            filter.status = value
        }
        filter.limit = try AppointmentService.listLimit.checked(text: query["limit"])
        return try await appointments.appointments(for: principal, filter: filter).map {
            AppointmentView($0, for: principal)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> AppointmentView
    {
        let id = try context.parameters.require("id")
        return AppointmentView(try await appointments.appointment(id: id, for: principal), for: principal)
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> AppointmentView
    {
        let id = try context.parameters.require("id")
        return AppointmentView(try await appointments.cancel(appointmentID: id, by: principal), for: principal)
    }

    struct RescheduleBody: StrictJSONBody {
        let slotId: String
        enum CodingKeys: String, CodingKey, CaseIterable { case slotId }
    }

    @Sendable func reschedule(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> AppointmentView
    {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrict(RescheduleBody.self, context: context)
        return AppointmentView(
            try await appointments.reschedule(appointmentID: id, toSlot: body.slotId, by: principal), for: principal)
    }

    struct CheckInBody: StrictJSONBody {
        let code: String
        enum CodingKeys: String, CodingKey, CaseIterable { case code }
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> AppointmentView
    {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrict(CheckInBody.self, context: context)
        return AppointmentView(
            try await appointments.checkIn(appointmentID: id, code: body.code, by: principal), for: principal)
    }
}

extension AppointmentView: ResponseEncodable {}

extension ServiceError.Code {
    static let invalidDate = Self("invalid-date", .invalidInput)
    static let invalidStatus = Self("invalid-status", .invalidInput)
}
