import Certificates
import HealthServices

/// ``VaccinationTransaction`` on one connection: table `vaccinations`.
struct VaccinationSQLiteTransaction: VaccinationTransaction {
    let connection: SQLiteConnection

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

    static func vaccination(_ row: SQLiteRow) throws -> Vaccination {
        Vaccination(
            id: try row.get(0), personId: try row.get(1), service: try row.get(2), appointmentId: try row.get(3),
            doseNumber: try row.get(4), totalDoses: try row.get(5), administeredAt: try row.get(6),
            lot: try row.get(7), country: try row.get(8), recordedBy: try row.get(9), recordedAt: try row.get(10),
            centreId: try row.get(11)
        )
    }

    func vaccinations(ofPeople personIDs: [String]) throws -> [Vaccination] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            \(Self.vaccinationSelect)
            WHERE v.person_id IN (\(SQLiteConnection.placeholders(personIDs.count))) ORDER BY v.administered_at, v.id
            """,
            arguments: personIDs, row: Self.vaccination)
    }

    func insert(_ vaccination: Vaccination) throws {
        try connection.run(
            "INSERT INTO vaccinations (\(Self.vaccinationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vaccination.id, vaccination.personId, vaccination.service, vaccination.appointmentId,
            vaccination.doseNumber, vaccination.totalDoses, vaccination.administeredAt, vaccination.lot,
            vaccination.country, vaccination.recordedBy, vaccination.recordedAt)
    }
}
