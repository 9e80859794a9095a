import Certificates
import HealthServices
import PostgresNIO

/// Certificates waiting (`waiting_certificates`), and the Latin name of their holder.
extension CertificationPostgresTransaction {
    static let waitingColumns = "id, person_id, type, vaccination_id, result_id, reason, created_at"

    static func waiting(_ row: PostgresRow) throws -> WaitingCertificate {
        let (id, personID, type, vaccinationID, resultID, reason, createdAt) = try row.decode(
            (String, String, String, String?, String?, String, Timestamp).self)
        return WaitingCertificate(
            id: id, personId: personID, type: try CertificateType(stored: type), vaccinationId: vaccinationID,
            resultId: resultID, reason: reason, createdAt: createdAt)
    }

    func insert(_ waiting: WaitingCertificate) async throws {
        try await session.run(
            """
            INSERT INTO waiting_certificates (\(unescaped: Self.waitingColumns))
            VALUES (\(waiting.id), \(waiting.personId), \(waiting.type.rawValue), \(waiting.vaccinationId),
                \(waiting.resultId), \(waiting.reason), \(waiting.createdAt))
            """)
    }

    func waitingCertificates(ofPeople personIDs: [String]) async throws -> [WaitingCertificate] {
        guard !personIDs.isEmpty else { return [] }
        return try await session.all(
            """
            SELECT \(unescaped: Self.waitingColumns) FROM waiting_certificates
            WHERE resolved_at IS NULL AND person_id = ANY(\(personIDs))
            ORDER BY created_at DESC, id
            """, Self.waiting)
    }

    func waitingCertificates(reason: String, after personID: String, limit: Int) async throws
        -> [WaitingCertificate]
    {
        try await session.all(
            """
            SELECT \(unescaped: Self.waitingColumns) FROM waiting_certificates
            WHERE resolved_at IS NULL AND person_id > \(personID) AND reason = \(reason)
            ORDER BY person_id LIMIT \(limit)
            """, Self.waiting)
    }

    func resolveWaitingCertificate(id: String, certificateID: String?, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE waiting_certificates SET resolved_at = \(now), certificate_id = \(certificateID)
            WHERE id = \(id) AND resolved_at IS NULL
            """)
    }

    func resolveWaitingCertificates(resultID: String, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE waiting_certificates SET resolved_at = \(now)
            WHERE result_id = \(resultID) AND resolved_at IS NULL
            """)
    }

    func setLatinName(personID: String, familyName: String?, givenName: String?) async throws {
        try await session.run(
            """
            UPDATE people SET family_name_latin = \(familyName), given_name_latin = \(givenName)
            WHERE id = \(personID)
            """)
    }
}
