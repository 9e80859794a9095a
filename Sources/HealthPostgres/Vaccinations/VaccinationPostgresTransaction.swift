import Certificates
import HealthServices
import PostgresNIO

/// ``VaccinationTransaction`` on one PostgreSQL transaction: table `vaccinations`.
struct VaccinationPostgresTransaction: VaccinationTransaction {
    let session: PostgresSession

    static let vaccinationColumns = """
        id, person_id, service_id, appointment_id, dose_number, total_doses, administered_at, lot, country,
        recorded_by, recorded_at
        """

    /// The columns of ``vaccination(_:)``: the dose's centre is its appointment's slot's, read through the
    /// appointment rather than stored twice.
    static let vaccinationSelect = """
        SELECT v.id, v.person_id, v.service_id, v.appointment_id, v.dose_number, v.total_doses, v.administered_at,
            v.lot, v.country, v.recorded_by, v.recorded_at, s.centre_id
        FROM vaccinations v
        LEFT JOIN appointments a ON a.id = v.appointment_id LEFT JOIN slots s ON s.id = a.slot_id
        """

    static func vaccination(_ row: PostgresRow) throws -> Vaccination {
        let (id, personID, service, appointmentID, dose, total, administeredAt, lot, country, by, at, centreID) =
            try row.decode(
                (
                    String, String, String, String?, Int, Int, Timestamp, String?, String, String, Timestamp, String?
                ).self)
        return Vaccination(
            id: id, personId: personID, service: service, appointmentId: appointmentID, doseNumber: dose,
            totalDoses: total, administeredAt: administeredAt, lot: lot, country: country, recordedBy: by,
            recordedAt: at, centreId: centreID)
    }

    /// In a write, the people's rows stay locked to the end first, so two doses recorded for one person at once are
    /// numbered one after the other: the second reads the first's dose. `NO KEY UPDATE` leaves the rows free for the
    /// key-share locks a booking's or result's foreign key takes.
    func vaccinations(ofPeople personIDs: [String]) async throws -> [Vaccination] {
        guard !personIDs.isEmpty else { return [] }
        if session.isWrite {
            try await session.run("SELECT 1 FROM people WHERE id = ANY(\(personIDs)) ORDER BY id FOR NO KEY UPDATE")
        }
        return try await session.all(
            """
            \(unescaped: Self.vaccinationSelect)
            WHERE v.person_id = ANY(\(personIDs)) ORDER BY v.administered_at, v.id
            """, Self.vaccination)
    }

    func insert(_ vaccination: Vaccination) async throws {
        try await session.run(
            """
            INSERT INTO vaccinations (\(unescaped: Self.vaccinationColumns))
            VALUES (\(vaccination.id), \(vaccination.personId), \(vaccination.service), \(vaccination.appointmentId),
                \(vaccination.doseNumber), \(vaccination.totalDoses), \(vaccination.administeredAt),
                \(vaccination.lot), \(vaccination.country), \(vaccination.recordedBy), \(vaccination.recordedAt))
            """)
    }
}
