import CryptoCore

/// Booking, cancelling, rescheduling and checking in, with the rules that keep them safe: capacity,
/// one active appointment per person and service, the vaccine dose interval, idempotent retries.
///
/// Every change runs in one write transaction of its store, so two bookings can never both take a slot's last
/// seat, and a crash leaves each booking whole or absent.
public struct AppointmentService: Sendable {
    let store: any AppointmentStore
    let clock: WallClock

    /// How many appointments one list gives: 100 unless asked, at most 1,000.
    public static let listLimit = ListLimit(defaultCount: 100, maximum: 1_000)

    /// The longest idempotency key accepted.
    static let maxIdempotencyKeyLength = 128

    /// How long before its slot starts an appointment can be checked in: an early arrival, not a visit days
    /// ahead that would hold the seat and free the person to book the same service again.
    static let checkInOpensBefore: Int64 = 2 * 3600
    /// Wrong check-in codes an appointment takes before it takes no more.
    static let maxWrongCheckInCodes = 5

    /// How long after its slot starts an appointment can still be checked in: a late arrival the same day, not a
    /// missed appointment taken up again later.
    static let checkInClosesAfter: Int64 = 12 * 3600

    public init(store: any AppointmentStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// Books a seat in `slotID` for `personID` (the caller when nil). A repeat with the same key and body returns
    /// the first appointment; the same key with another body is refused.
    public func book(slotID: String, personID: String?, idempotencyKey: String?, by principal: Principal) async throws
        -> BookingOutcome
    {
        let key = try Self.checkedIdempotencyKey(idempotencyKey)
        guard let personID = personID ?? principal.personID else {
            throw ServiceError(.missingField, "Staff must name the personId to book for.")
        }
        let requestHash = SHA256.hash(Array("book\n\(slotID)\n\(personID)".utf8))
        let now = clock.now()
        let code = OpaqueID.digits(4)
        let appointmentID = OpaqueID.make("apt")
        let request = BookingRequest(
            principal: principal.stableKey, idempotencyKey: key, personID: personID, slotID: slotID)
        // Made before the write, which on SQLite runs on the one thread all writes share.
        let event = AuditEvent(
            by: principal, "appointment.book", subject: "appointment:\(appointmentID)",
            details: ["slot": slotID, "person": personID])
        return try await store.write { transaction in
            let facts = try await transaction.bookingFacts(for: request)
            if let record = facts.idempotencyRecord {
                return try await Self.replay(record, of: requestHash, to: principal, in: transaction)
            }
            // Staff book for anyone; a citizen for themself or a dependant.
            let mayBook = principal.personID.map { $0 == personID || $0 == facts.guardianID } ?? true
            guard facts.personExists, mayBook else {
                throw principal.personID == nil
                    ? ServiceError(.personNotFound, "There is no person with this id.")
                    : ServiceError(.personNotFound, "There is no such person among yours.")
            }
            guard let slot = facts.slot else { throw ServiceError(.slotNotFound, "There is no slot with this id.") }
            guard slot.start > now else { throw ServiceError(.slotStarted, "The slot has already started.") }
            guard let service = facts.careService else {
                throw ServiceError(.slotNotFound, "The slot's service is no longer in the catalogue.")
            }
            guard !facts.hasActiveAppointment else { throw Self.alreadyBooked }
            try Self.checkDoseInterval(service, latestDose: facts.doses?.latest(at: now), start: slot.start)
            let appointment = Appointment(
                id: appointmentID, slotId: slot.id, personId: personID, service: service.id, centreId: slot.centreId,
                start: slot.start,
                status: .booked, checkInCode: code, bookedBy: principal.name, createdAt: now, updatedAt: now
            )
            let booked = try await transaction.book(
                appointment,
                remembering: IdempotencyRecord(
                    principal: principal.stableKey, key: key, requestHash: requestHash, appointmentId: appointment.id,
                    createdAt: now),
                audit: event, at: now)
            guard !booked else { return BookingOutcome(appointment: appointment, isReplay: false) }
            // The facts were read before the last seat went (on PostgreSQL, to a transaction that committed while
            // this one waited for the slot): when that was this request's first try, or another booking of this
            // person for the service, it answers, not "full".
            let latest = try await transaction.bookingFacts(for: request)
            if let record = latest.idempotencyRecord {
                return try await Self.replay(record, of: requestHash, to: principal, in: transaction)
            }
            guard !latest.hasActiveAppointment else { throw Self.alreadyBooked }
            throw ServiceError(.slotFull, "The slot has no seats left.")
        }
    }

    static let alreadyBooked = ServiceError(
        .alreadyBooked, "This person already has an active appointment for this service.")

    /// The appointment a repeated Idempotency-Key booked, when the request is the same; whoever may no longer see it
    /// (a guardian once the dependant holds their own account) gets it no more by replaying the key.
    private static func replay(
        _ record: IdempotencyRecord, of requestHash: [UInt8], to principal: Principal,
        in transaction: any AppointmentTransaction
    ) async throws -> BookingOutcome {
        guard record.requestHash == requestHash else {
            throw ServiceError(.idempotencyKeyReused, "This Idempotency-Key was used for a different request.")
        }
        let appointment = try await visibleAppointment(record.appointmentId, to: principal, in: transaction)
        return BookingOutcome(appointment: appointment, isReplay: true)
    }

    /// Cancels an active appointment and frees its seat.
    public func cancel(appointmentID: String, by principal: Principal) async throws -> Appointment {
        let now = clock.now()
        return try await store.write { transaction in
            let appointment = try await Self.visibleAppointment(appointmentID, to: principal, in: transaction)
            guard appointment.status == .booked else {
                throw ServiceError(.notActive, "Only a booked appointment can be cancelled.")
            }
            try await transaction.releaseSeat(slotID: appointment.slotId)
            let cancelled = appointment.with(status: .cancelled, at: now)
            try await transaction.update(cancelled)
            try await transaction.append(
                AuditEvent(by: principal, "appointment.cancel", subject: "appointment:\(appointment.id)"), at: now)
            return cancelled
        }
    }

    /// Moves an active appointment to another slot of the same service, all or nothing.
    public func reschedule(appointmentID: String, toSlot slotID: String, by principal: Principal) async throws
        -> Appointment
    {
        let now = clock.now()
        return try await store.write { transaction in
            let appointment = try await Self.visibleAppointment(appointmentID, to: principal, in: transaction)
            guard appointment.status == .booked else {
                throw ServiceError(.notActive, "Only a booked appointment can be rescheduled.")
            }
            guard let slot = try await transaction.slot(id: slotID) else {
                throw ServiceError(.slotNotFound, "There is no slot with this id.")
            }
            guard slot.id != appointment.slotId else {
                throw ServiceError(.sameSlot, "The appointment is already in this slot.")
            }
            guard slot.service == appointment.service else {
                throw ServiceError(.serviceMismatch, "The new slot is for another service; cancel and book instead.")
            }
            guard slot.start > now else { throw ServiceError(.slotStarted, "The slot has already started.") }
            if let service = try await transaction.careService(id: slot.service) {
                let latestDose =
                    service.kind == .vaccine
                    ? try await transaction.doses(personID: appointment.personId).latest(at: now) : nil
                try Self.checkDoseInterval(service, latestDose: latestDose, start: slot.start)
            }
            guard try await transaction.reserveSeat(slotID: slot.id) else {
                throw ServiceError(.slotFull, "The slot has no seats left.")
            }
            try await transaction.releaseSeat(slotID: appointment.slotId)
            let moved = appointment.moved(to: slot, at: now)
            try await transaction.update(moved)
            try await transaction.append(
                AuditEvent(
                    by: principal, "appointment.reschedule", subject: "appointment:\(appointment.id)",
                    details: ["from": appointment.slotId, "to": slot.id]),
                at: now
            )
            return moved
        }
    }

    /// Checks a person in with the appointment's 4-digit code (staff only), from ``checkInOpensBefore`` before
    /// the slot starts to ``checkInClosesAfter`` after. The code is the proof the person came: a wrong one is counted
    /// and audited, and after ``maxWrongCheckInCodes`` the appointment takes no more (the person books again), so
    /// the 10,000 codes cannot be tried.
    public func checkIn(appointmentID: String, code: String, by principal: Principal) async throws -> Appointment {
        guard principal.isStaff else { throw ServiceError(.staffOnly, "Only staff check people in.") }
        guard code.utf8.count == 4, code.isASCIIDigits else {
            throw ServiceError(.invalidCheckInCode, "code must be the appointment's 4 digits.")
        }
        let now = clock.now()
        let outcome: Result<Appointment, ServiceError> = try await store.write { transaction in
            guard let appointment = try await transaction.appointment(id: appointmentID) else {
                throw ServiceError(.appointmentNotFound, "There is no appointment with this id.")
            }
            guard appointment.status == .booked else {
                throw ServiceError(.notActive, "Only a booked appointment can be checked in.")
            }
            try Self.checkCheckInWindow(of: appointment, at: now)
            guard try await transaction.wrongCheckInCodes(appointmentID: appointment.id) < Self.maxWrongCheckInCodes
            else {
                throw ServiceError(
                    .tooManyAttempts,
                    "Too many wrong check-in codes were tried for this appointment; the person cancels it and books "
                        + "again.")
            }
            guard AccountService.constantTimeEqual(Array(code.utf8), Array(appointment.checkInCode.utf8)) else {
                // Committed, though the check-in is refused.
                try await transaction.countWrongCheckInCode(appointmentID: appointment.id)
                try await transaction.append(
                    AuditEvent(
                        by: principal, "appointment.wrong-check-in-code", subject: "appointment:\(appointment.id)"),
                    at: now)
                return .failure(ServiceError(.wrongCheckInCode, "The check-in code does not match."))
            }
            // A dose recorded since the booking (given abroad, or at an appointment completed late) may make this
            // one too early: said at the door, not once the dose is given and its record refused.
            if let service = try await transaction.careService(id: appointment.service), service.kind == .vaccine,
                let earliest = Self.earliestDose(
                    of: service, after: try await transaction.doses(personID: appointment.personId).latest(at: now)),
                appointment.start.civilDate < earliest
            {
                throw ServiceError(
                    .doseTooEarly,
                    "A dose was recorded since this appointment was booked: the next \(service.id) dose can be given "
                        + "from \(earliest.iso8601). Cancel this appointment and book another.")
            }
            let checkedIn = appointment.with(status: .checkedIn, at: now)
            try await transaction.update(checkedIn)
            try await transaction.append(
                AuditEvent(by: principal, "appointment.check-in", subject: "appointment:\(appointment.id)"), at: now)
            return .success(checkedIn)
        }
        return try outcome.get()
    }
}

extension ServiceError.Code {
    public static let missingIdempotencyKey = Self("missing-idempotency-key", .invalidInput)
    public static let invalidIdempotencyKey = Self("invalid-idempotency-key", .invalidInput)
    public static let invalidCheckInCode = Self("invalid-check-in-code", .invalidInput)
    public static let idempotencyKeyReused = Self("idempotency-key-reused", .unprocessable)
    public static let appointmentNotFound = Self("appointment-not-found", .notFound)
    public static let personNotFound = Self("person-not-found", .notFound)
    public static let slotNotFound = Self("slot-not-found", .notFound)
    public static let slotFull = Self("slot-full", .conflict)
    public static let slotStarted = Self("slot-started", .conflict)
    public static let alreadyBooked = Self("already-booked", .conflict)
    public static let notActive = Self("not-active", .conflict)
    public static let doseTooEarly = Self("dose-too-early", .unprocessable)
    public static let sameSlot = Self("same-slot", .unprocessable)
    public static let serviceMismatch = Self("service-mismatch", .unprocessable)
    public static let wrongCheckInCode = Self("wrong-check-in-code", .unprocessable)
    public static let checkInNotOpen = Self("check-in-not-open", .conflict)
    public static let checkInClosed = Self("check-in-closed", .conflict)
    public static let staffOnly = Self("staff-only", .forbidden)
}
