import Certificates
import HealthServices

/// Certificates waiting (`waiting_certificates`), and the Latin name of their holder.
extension CertificationSQLiteTransaction {
    static let waitingColumns = "id, person_id, type, vaccination_id, result_id, reason, created_at"

    static func waiting(_ row: SQLiteRow) throws -> WaitingCertificate {
        WaitingCertificate(
            id: try row.get(0), personId: try row.get(1), type: try row.get(2), vaccinationId: try row.get(3),
            resultId: try row.get(4), reason: try row.get(5), createdAt: try row.get(6))
    }

    func insert(_ waiting: WaitingCertificate) throws {
        try connection.run(
            "INSERT INTO waiting_certificates (\(Self.waitingColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)", waiting.id,
            waiting.personId, waiting.type.rawValue, waiting.vaccinationId, waiting.resultId, waiting.reason,
            waiting.createdAt)
    }

    func waitingCertificates(ofPeople personIDs: [String]) throws -> [WaitingCertificate] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.waitingColumns) FROM waiting_certificates
            WHERE resolved_at IS NULL AND person_id IN (\(SQLiteConnection.placeholders(personIDs.count)))
            ORDER BY created_at DESC, id
            """,
            arguments: personIDs, row: Self.waiting)
    }

    func waitingCertificates(reason: String, after personID: String, limit: Int) throws -> [WaitingCertificate] {
        try connection.query(
            """
            SELECT \(Self.waitingColumns) FROM waiting_certificates
            WHERE resolved_at IS NULL AND person_id > ? AND reason = ? ORDER BY person_id LIMIT ?
            """,
            personID, reason, limit, row: Self.waiting)
    }

    func resolveWaitingCertificate(id: String, certificateID: String?, at now: Timestamp) throws {
        try connection.run(
            "UPDATE waiting_certificates SET resolved_at = ?, certificate_id = ? WHERE id = ? AND resolved_at IS NULL",
            now, certificateID, id)
    }

    func resolveWaitingCertificates(resultID: String, at now: Timestamp) throws {
        try connection.run(
            "UPDATE waiting_certificates SET resolved_at = ? WHERE result_id = ? AND resolved_at IS NULL", now,
            resultID)
    }

    func setLatinName(personID: String, familyName: String?, givenName: String?) throws {
        try connection.run(
            "UPDATE people SET family_name_latin = ?, given_name_latin = ? WHERE id = ?", familyName, givenName,
            personID)
    }
}
