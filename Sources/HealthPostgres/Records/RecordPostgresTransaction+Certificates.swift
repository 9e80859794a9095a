import Certificates
import HealthServices
import PostgresNIO

extension RecordPostgresTransaction {
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

    func vaccinations(ofPeople personIDs: [String]) async throws -> [Vaccination] {
        guard !personIDs.isEmpty else { return [] }
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

    static let certificateColumns = """
        id, person_id, type, uvci, hc1, vaccination_id, result_id, issued_at, expires_at, revoked_at,
        revocation_reason, health_card
        """

    static func certificate(_ row: PostgresRow) throws -> IssuedCertificate {
        let (id, personID, type, uvci, hc1, vaccinationID, resultID, issuedAt, expiresAt, revokedAt, reason, card) =
            try row.decode(
                (
                    String, String, String, String, String, String?, String?, Timestamp, Timestamp, Timestamp?,
                    String?, String?
                ).self)
        return IssuedCertificate(
            id: id, personId: personID, type: try stored(type, as: CertificateType.self), uvci: uvci, hc1: hc1,
            vaccinationId: vaccinationID, resultId: resultID, issuedAt: issuedAt, expiresAt: expiresAt,
            revokedAt: revokedAt, revocationReason: reason, healthCard: card)
    }

    func certificate(id: String) async throws -> IssuedCertificate? {
        try await session.first(
            "SELECT \(unescaped: Self.certificateColumns) FROM certificates WHERE id = \(id)", Self.certificate)
    }

    func certificates(ofPeople personIDs: [String]) async throws -> [IssuedCertificate] {
        guard !personIDs.isEmpty else { return [] }
        return try await session.all(
            """
            SELECT \(unescaped: Self.certificateColumns) FROM certificates
            WHERE person_id = ANY(\(personIDs)) ORDER BY issued_at DESC, id
            """, Self.certificate)
    }

    func activeCertificates(resultID: String) async throws -> [IssuedCertificate] {
        try await session.all(
            """
            SELECT \(unescaped: Self.certificateColumns) FROM certificates
            WHERE result_id = \(resultID) AND revoked_at IS NULL
            """, Self.certificate)
    }

    func revokedCertificates() async throws -> [IssuedCertificate] {
        try await session.all(
            """
            SELECT \(unescaped: Self.certificateColumns) FROM certificates WHERE revoked_at IS NOT NULL
            ORDER BY revoked_at, id
            """, Self.certificate)
    }

    func revokedCertificateCount() async throws -> Int {
        try await session.first("SELECT count(*) FROM certificates WHERE revoked_at IS NOT NULL") {
            try $0.decode(Int.self)
        } ?? 0
    }

    func insert(_ certificate: IssuedCertificate) async throws {
        try await session.run(
            """
            INSERT INTO certificates (\(unescaped: Self.certificateColumns))
            VALUES (\(certificate.id), \(certificate.personId), \(certificate.type.rawValue), \(certificate.uvci),
                \(certificate.hc1), \(certificate.vaccinationId), \(certificate.resultId), \(certificate.issuedAt),
                \(certificate.expiresAt), \(certificate.revokedAt), \(certificate.revocationReason),
                \(certificate.healthCard))
            """)
    }

    func revoke(certificateID: String, reason: String, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE certificates SET revoked_at = \(now), revocation_reason = \(reason)
            WHERE id = \(certificateID) AND revoked_at IS NULL
            """)
    }
}
