extension AppointmentService {
    /// Appointments the principal may see: a citizen's own and their dependants'; for staff, those matching `filter`.
    /// A limit outside ``listLimit`` is refused (`invalid-limit`), never shortened to a list that looks whole.
    public func appointments(for principal: Principal, filter: AppointmentFilter) async throws -> [Appointment] {
        _ = try Self.listLimit.checked(filter.limit)
        return try await store.read { transaction in
            guard let personID = principal.personID else {
                return try await transaction.appointments(matching: filter)
            }
            return try await transaction.appointments(ofPeople: transaction.peopleActedFor(by: personID))
        }
    }

    /// One appointment, if the principal may see it (otherwise not found, never forbidden).
    public func appointment(id: String, for principal: Principal) async throws -> Appointment {
        try await store.read { try await Self.visibleAppointment(id, to: principal, in: $0) }
    }

    /// The appointment, when it exists and the principal may act on it; a citizen gets not-found for anyone else's.
    static func visibleAppointment(_ id: String, to principal: Principal, in transaction: any AppointmentTransaction)
        async throws -> Appointment
    {
        guard let appointment = try await transaction.appointment(id: id) else {
            throw ServiceError(.appointmentNotFound, "There is no appointment with this id.")
        }
        if let personID = principal.personID {
            guard try await transaction.peopleActedFor(by: personID).contains(appointment.personId) else {
                throw ServiceError(.appointmentNotFound, "There is no appointment with this id.")
            }
        }
        return appointment
    }

    /// A vaccine dose may not be booked sooner than the product's minimum days after the person's latest dose.
    static func checkDoseInterval(_ service: CareService, latestDose: Timestamp?, start: Timestamp) throws(ServiceError)
    {
        guard let earliest = earliestDose(of: service, after: latestDose), start.civilDate < earliest else { return }
        throw ServiceError(
            .doseTooEarly,
            "A \(service.id) dose can be booked from \(earliest.iso8601), "
                + "\(service.minimumDaysBetweenDoses ?? 0) days after the previous dose.")
    }

    /// The first day (in Bahrain) a dose of the vaccine `service` may be given after a dose at `latestDose`; nil when
    /// no interval applies.
    static func earliestDose(of service: CareService, after latestDose: Timestamp?) -> CalendarDate? {
        guard service.kind == .vaccine, let days = service.minimumDaysBetweenDoses, let latest = latestDose else {
            return nil
        }
        return CalendarDate(daysSinceEpoch: latest.civilDate.daysSinceEpoch + Int64(days))
    }

    /// Check-in is open from ``checkInOpensBefore`` before the appointment's slot starts to ``checkInClosesAfter``
    /// after, within the slot's day (in Bahrain): the day booking counted its seat and the dose intervals from, so
    /// a dose given after check-in is never on a day its interval rule refuses to record.
    static func checkCheckInWindow(of appointment: Appointment, at now: Timestamp) throws(ServiceError) {
        let day = appointment.start.civilDate
        let opens = max(appointment.start.adding(seconds: -checkInOpensBefore), Timestamp(startOfCivilDay: day))
        guard now >= opens else {
            throw ServiceError(.checkInNotOpen, "Check-in for this appointment opens at \(opens.iso8601).")
        }
        let closes = min(
            appointment.start.adding(seconds: checkInClosesAfter),
            Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)))
        guard now < closes else {
            throw ServiceError(
                .checkInClosed,
                "Check-in for this appointment closed at \(closes.iso8601); cancel it and book another slot.")
        }
    }

    static func checkedIdempotencyKey(_ key: String?) throws(ServiceError) -> String {
        guard let key else { throw ServiceError(.missingIdempotencyKey, "Booking needs an Idempotency-Key header.") }
        guard (1...maxIdempotencyKeyLength).contains(key.utf8.count),
            key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw ServiceError(
                .invalidIdempotencyKey,
                "Idempotency-Key must be 1 to \(maxIdempotencyKeyLength) visible ASCII characters.")
        }
        return key
    }
}
