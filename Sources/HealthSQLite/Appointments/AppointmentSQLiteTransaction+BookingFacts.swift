import HealthServices

extension AppointmentSQLiteTransaction {
    /// The facts question by question: in process, a question costs no round trip, and a test booking asks no dose.
    func bookingFacts(for request: BookingRequest) throws -> BookingFacts {
        let person = try connection.queryFirst("SELECT guardian_id FROM people WHERE id = ?", request.personID) {
            try $0.get(0, as: String?.self)
        }
        let slot = try self.slot(id: request.slotID)
        let careService = try slot.flatMap { try self.careService(id: $0.service) }
        return BookingFacts(
            idempotencyRecord: try idempotencyRecord(principal: request.principal, key: request.idempotencyKey),
            personExists: person != nil, guardianID: person ?? nil, slot: slot, careService: careService,
            hasActiveAppointment: try careService.map {
                try hasActiveAppointment(personID: request.personID, service: $0.id)
            } ?? false,
            doses: careService?.kind == .vaccine ? try doses(personID: request.personID) : nil)
    }

    private func hasActiveAppointment(personID: String, service: String) throws -> Bool {
        try connection.queryFirst(
            "SELECT 1 FROM appointments WHERE person_id = ? AND service_id = ? AND status = 'booked'", personID, service
        ) { _ in true } ?? false
    }

    private func idempotencyRecord(principal: String, key: String) throws -> IdempotencyRecord? {
        try connection.queryFirst(
            "SELECT request_hash, appointment_id, created_at FROM idempotency_keys WHERE principal = ? AND key = ?",
            principal, key
        ) { row in
            IdempotencyRecord(
                principal: principal, key: key, requestHash: try row.get(0), appointmentId: try row.get(1),
                createdAt: try row.get(2))
        }
    }
}
