import HealthServices
import PostgresNIO

extension AppointmentPostgresTransaction {
    /// The facts in one statement: one round trip where asking each would take six.
    func bookingFacts(for request: BookingRequest) async throws -> BookingFacts {
        let row: (PostgresRow) throws -> BookingFacts = { try Self.bookingFacts($0, request) }
        let facts =
            if let citizen = request.citizen {
                try await session.first(
                    SQL.CitizenBookingFacts.self, request.principal, request.idempotencyKey, request.personID,
                    request.slotID, citizen, row: row)
            } else {
                try await session.first(
                    SQL.StaffBookingFacts.self, request.principal, request.idempotencyKey, request.personID,
                    request.slotID, row: row)
            }
        guard let facts else { throw StoreError("the booking facts query returned no row") }
        return facts
    }

    private static func bookingFacts(_ row: PostgresRow, _ request: BookingRequest) throws -> BookingFacts {
        let (
            requestHash, appointmentID, keyCreatedAt, personIsBookable, slotID, centreID, slotService, start, duration,
            capacity, remaining, serviceID, serviceName, kindName, productCode, minimumDays, hasActiveAppointment,
            latestDose
        ) = try row.decode(
            (
                Bytea?, String?, Timestamp?, Bool, String?, String?, String?, Timestamp?, Int?, Int?, Int?, String?,
                String?, String?, String?, Int?, Bool, Timestamp?
            ).self)
        var record: IdempotencyRecord?
        if let requestHash, let appointmentID, let keyCreatedAt {
            record = IdempotencyRecord(
                principal: request.principal, key: request.idempotencyKey, requestHash: requestHash.bytes,
                appointmentId: appointmentID, createdAt: keyCreatedAt)
        }
        var slot: Slot?
        if let slotID, let centreID, let slotService, let start, let duration, let capacity, let remaining {
            slot = Slot(
                id: slotID, centreId: centreID, service: slotService, start: start, durationMinutes: duration,
                capacity: capacity, remaining: remaining)
        }
        var careService: CareService?
        if let serviceID, let serviceName, let kindName {
            guard let kind = CareService.Kind(rawValue: kindName) else { throw StoreError("unknown service kind") }
            careService = CareService(
                id: serviceID, name: serviceName, kind: kind, productCode: productCode,
                minimumDaysBetweenDoses: minimumDays)
        }
        return BookingFacts(
            idempotencyRecord: record, personIsBookable: personIsBookable, slot: slot, careService: careService,
            hasActiveAppointment: hasActiveAppointment, latestDose: latestDose)
    }
}

extension AppointmentPostgresTransaction.SQL {
    /// The facts for a booking by staff (`$3` must exist) and by a citizen (`$3` must be `$5` or their dependant):
    /// the idempotency record of `$1`/`$2`, the slot `$4` with its service, and the person's active appointment for
    /// that service and latest dose.
    static func bookingFacts(person: String) -> String {
        """
        SELECT i.request_hash, i.appointment_id, i.created_at,
            EXISTS (SELECT 1 FROM people p WHERE p.id = $3 AND \(person)),
            \(SchedulingPostgresTransaction.slotColumns),
            c.id, c.name, c.kind, c.product_code, c.minimum_days_between_doses,
            EXISTS (
                SELECT 1 FROM appointments a WHERE a.person_id = $3 AND a.service_id = c.id AND a.status = 'booked'),
            (SELECT max(v.administered_at) FROM vaccinations v WHERE v.person_id = $3)
        FROM (VALUES (1)) AS one (n)
        LEFT JOIN idempotency_keys i ON i.principal = $1 AND i.key = $2
        LEFT JOIN slots s ON s.id = $4
        LEFT JOIN care_services c ON c.id = s.service_id
        """
    }

    enum StaffBookingFacts: PreparedSQL {
        static let sql = bookingFacts(person: "true")
    }
    enum CitizenBookingFacts: PreparedSQL {
        static let sql = bookingFacts(person: "(p.id = $5 OR p.guardian_id = $5)")
    }
}
