import Certificates
import HealthServices
import PostgresNIO

/// ``CertificationTransaction`` on one PostgreSQL transaction: table `certificates`; the certificates waiting for a
/// Latin name are in the `+Waiting` extension.
struct CertificationPostgresTransaction: CertificationTransaction {
    let session: PostgresSession

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
            id: id, personId: personID, type: try CertificateType(stored: type), uvci: uvci, hc1: hc1,
            vaccinationId: vaccinationID, resultId: resultID, issuedAt: issuedAt, expiresAt: expiresAt,
            revokedAt: revokedAt, revocationReason: reason, healthCard: card)
    }

    /// Locked to the end of a write, so of two revocations racing the second sees the first's and is refused,
    /// rather than answering done with nothing changed.
    func certificate(id: String) async throws -> IssuedCertificate? {
        try await session.first(
            """
            SELECT \(unescaped: Self.certificateColumns) FROM certificates WHERE id = \(id)\(unescaped: session.forUpdate)
            """, Self.certificate)
    }

    func isIssued(uvci: String) async throws -> Bool {
        try await session.first("SELECT 1 FROM certificates WHERE uvci = \(uvci)") { _ in true } ?? false
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
            Insert.self, certificate.id, certificate.personId, certificate.type.rawValue, certificate.uvci,
            certificate.hc1, certificate.vaccinationId, certificate.resultId, certificate.issuedAt,
            certificate.expiresAt, certificate.revokedAt, certificate.revocationReason, certificate.healthCard)
    }

    /// Run for every result and dose that gives a certificate: prepared once per connection.
    enum Insert: PreparedSQL {
        static let sql = """
            INSERT INTO certificates (\(CertificationPostgresTransaction.certificateColumns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """
    }

    func revoke(certificateID: String, reason: String, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE certificates SET revoked_at = \(now), revocation_reason = \(reason)
            WHERE id = \(certificateID) AND revoked_at IS NULL
            """)
    }
}
