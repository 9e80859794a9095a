import Certificates
import HealthServices

extension RecordSQLiteTransaction {
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
            WHERE v.person_id IN (\(Self.placeholders(personIDs.count))) ORDER BY v.administered_at, v.id
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

    static let certificateColumns = """
        id, person_id, type, uvci, hc1, vaccination_id, result_id, issued_at, expires_at, revoked_at,
        revocation_reason, health_card
        """

    static func certificate(_ row: SQLiteRow) throws -> IssuedCertificate {
        IssuedCertificate(
            id: try row.get(0), personId: try row.get(1), type: try row.get(2), uvci: try row.get(3),
            hc1: try row.get(4), vaccinationId: try row.get(5), resultId: try row.get(6), issuedAt: try row.get(7),
            expiresAt: try row.get(8), revokedAt: try row.get(9), revocationReason: try row.get(10),
            healthCard: try row.get(11)
        )
    }

    func certificate(id: String) throws -> IssuedCertificate? {
        try connection.queryFirst(
            "SELECT \(Self.certificateColumns) FROM certificates WHERE id = ?", id, row: Self.certificate)
    }

    func certificates(ofPeople personIDs: [String]) throws -> [IssuedCertificate] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.certificateColumns) FROM certificates
            WHERE person_id IN (\(Self.placeholders(personIDs.count))) ORDER BY issued_at DESC, id
            """,
            arguments: personIDs, row: Self.certificate)
    }

    func activeCertificates(resultID: String) throws -> [IssuedCertificate] {
        try connection.query(
            "SELECT \(Self.certificateColumns) FROM certificates WHERE result_id = ? AND revoked_at IS NULL",
            resultID, row: Self.certificate)
    }

    func revokedCertificates() throws -> [IssuedCertificate] {
        try connection.query(
            "SELECT \(Self.certificateColumns) FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id",
            row: Self.certificate)
    }

    func revokedCertificateCount() throws -> Int {
        try connection.queryFirst("SELECT count(*) FROM certificates WHERE revoked_at IS NOT NULL") { try $0.get(0) }
            ?? 0
    }

    func insert(_ certificate: IssuedCertificate) throws {
        try connection.run(
            "INSERT INTO certificates (\(Self.certificateColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            certificate.id, certificate.personId, certificate.type.rawValue, certificate.uvci, certificate.hc1,
            certificate.vaccinationId, certificate.resultId, certificate.issuedAt, certificate.expiresAt,
            certificate.revokedAt, certificate.revocationReason, certificate.healthCard)
    }

    func revoke(certificateID: String, reason: String, at now: Timestamp) throws {
        try connection.run(
            "UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE id = ? AND revoked_at IS NULL", now,
            reason, certificateID)
    }
}
