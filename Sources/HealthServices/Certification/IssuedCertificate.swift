public import Certificates

/// A certificate the system signed from one of a person's records, kept with its HC1 string and its SMART Health
/// Card so both can be downloaded again, and revoked together with a reason.
public struct IssuedCertificate: Sendable, Hashable {
    public let id: String
    public let personId: String
    public let type: CertificateType
    /// The UVCI in the payload: what the revocation list hashes.
    public let uvci: String
    public let hc1: String
    /// The vaccination it certifies, for a vaccination certificate.
    public let vaccinationId: String?
    /// The lab result it certifies, for a test or recovery certificate.
    public let resultId: String?
    public let issuedAt: Timestamp
    public let expiresAt: Timestamp
    public let revokedAt: Timestamp?
    public let revocationReason: String?
    /// The SMART Health Card issued from the same record in the same transaction, as a compact JWS; revoked with
    /// this certificate. Nil for certificates issued before cards were.
    public let healthCard: String?

    package init(
        id: String,
        personId: String,
        type: CertificateType,
        uvci: String,
        hc1: String,
        vaccinationId: String?,
        resultId: String?,
        issuedAt: Timestamp,
        expiresAt: Timestamp,
        revokedAt: Timestamp?,
        revocationReason: String?,
        healthCard: String?
    ) {
        self.id = id
        self.personId = personId
        self.type = type
        self.uvci = uvci
        self.hc1 = hc1
        self.vaccinationId = vaccinationId
        self.resultId = resultId
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
        self.healthCard = healthCard
    }

    public var isRevoked: Bool { revokedAt != nil }
}
