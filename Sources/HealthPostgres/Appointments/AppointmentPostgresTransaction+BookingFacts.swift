import HealthServices
import PostgresNIO

extension AppointmentPostgresTransaction {
    /// The facts in one statement: one round trip where asking each would take six.
    func bookingFacts(for request: BookingRequest) async throws -> BookingFacts {
        let facts = try await session.first(
            SQL.BookingFacts.self, request.principal, request.idempotencyKey, request.personID, request.slotID
        ) { try Self.bookingFacts($0, request) }
        guard let facts else { throw StoreError("the booking facts query returned no row") }
        return facts
    }

    private static func bookingFacts(_ row: PostgresRow, _ request: BookingRequest) throws -> BookingFacts {
        var cells = PostgresCellReader(row)
        let requestHash: Bytea? = try cells.next()
        let appointmentID: String? = try cells.next()
        let keyCreatedAt: Timestamp? = try cells.next()
        let personExists: Bool = try cells.next()
        let guardianID: String? = try cells.next()
        let slot = try SchedulingPostgresTransaction.slot(&cells)
        let serviceID: String? = try cells.next()
        let serviceName: String? = try cells.next()
        let kindName: String? = try cells.next()
        let productCode: String? = try cells.next()
        let minimumDays: Int? = try cells.next()
        let hasActiveAppointment: Bool = try cells.next()
        let latestRecorded: Timestamp? = try cells.next()
        let latestCheckedIn: Timestamp? = try cells.next()
        try cells.end()
        var record: IdempotencyRecord?
        if let requestHash, let appointmentID, let keyCreatedAt {
            record = IdempotencyRecord(
                principal: request.principal, key: request.idempotencyKey, requestHash: requestHash.bytes,
                appointmentId: appointmentID, createdAt: keyCreatedAt)
        }
        var careService: CareService?
        if let serviceID, let serviceName, let kindName {
            guard let kind = CareService.Kind(rawValue: kindName) else { throw StoreError("unknown service kind") }
            careService = CareService(
                id: serviceID, name: serviceName, kind: kind, productCode: productCode,
                minimumDaysBetweenDoses: minimumDays)
        }
        return BookingFacts(
            idempotencyRecord: record, personExists: personExists, guardianID: guardianID, slot: slot,
            careService: careService,
            hasActiveAppointment: hasActiveAppointment,
            doses: careService?.kind == .vaccine
                ? DoseFacts(latestRecorded: latestRecorded, latestCheckedIn: latestCheckedIn) : nil)
    }
}

extension AppointmentPostgresTransaction.SQL {
    /// The facts for a booking of person `$3` into slot `$4`: the idempotency record of `$1`/`$2`, whether the
    /// person exists and their guardian, the slot with its service, and the person's active appointment for that
    /// service, latest recorded dose and latest checked-in vaccine appointment (``DoseFacts``).
    enum BookingFacts: PreparedSQL {
        static let sql = """
            SELECT i.request_hash, i.appointment_id, i.created_at, p.id IS NOT NULL, p.guardian_id,
                \(SchedulingPostgresTransaction.slotColumns),
                c.id, c.name, c.kind, c.product_code, c.minimum_days_between_doses,
                EXISTS (
                    SELECT 1 FROM appointments a WHERE a.person_id = $3 AND a.service_id = c.id AND a.status = 'booked'),
                \(AppointmentPostgresTransaction.SQL.doses("$3"))
            FROM (VALUES (1)) AS one (n)
            LEFT JOIN idempotency_keys i ON i.principal = $1 AND i.key = $2
            LEFT JOIN people p ON p.id = $3
            LEFT JOIN slots s ON s.id = $4
            LEFT JOIN care_services c ON c.id = s.service_id
            """
    }
}
