import Certificates
import HealthServices

/// ``CertificationTransaction`` on one connection: table `certificates`; the certificates waiting for a
/// Latin name are in the `+Waiting` extension.
struct CertificationSQLiteTransaction: CertificationTransaction {
    let connection: SQLiteConnection

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

    func isIssued(uvci: String) throws -> Bool {
        try connection.queryFirst("SELECT 1 FROM certificates WHERE uvci = ?", uvci, row: { _ in true }) ?? false
    }

    func certificates(ofPeople personIDs: [String]) throws -> [IssuedCertificate] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.certificateColumns) FROM certificates
            WHERE person_id IN (\(SQLiteConnection.placeholders(personIDs.count))) ORDER BY issued_at DESC, id
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
