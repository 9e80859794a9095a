public import Certificates

/// A certificate as the API and `healthctl cert list --json` show it; `payload` (the DCC JSON) only when one
/// certificate is asked for. A certificate waiting for the holder's Latin name (`status` `waiting`) has its
/// `reason` and no HC1 or card yet.
public struct CertificateView: Encodable, Hashable, Sendable {
    public let id: String
    public let personId: String
    public let type: CertificateType
    /// `issued`, `revoked` or `waiting`.
    public let status: String
    public let reason: String?
    public let uvci: String?
    public let hc1: String?
    public let issuedAt: Timestamp?
    public let expiresAt: Timestamp?
    public let revoked: Bool
    public let revokedAt: Timestamp?
    public let revocationReason: String?
    /// The SMART Health Card issued with it, when there is one.
    public let shc: HealthCardView?
    public let payload: JSONValue?

    public init(_ certificate: IssuedCertificate, payload: JSONValue? = nil) {
        id = certificate.id
        personId = certificate.personId
        type = certificate.type
        status = certificate.isRevoked ? "revoked" : "issued"
        reason = nil
        uvci = certificate.uvci
        hc1 = certificate.hc1
        issuedAt = certificate.issuedAt
        expiresAt = certificate.expiresAt
        revoked = certificate.isRevoked
        revokedAt = certificate.revokedAt
        revocationReason = certificate.revocationReason
        shc = certificate.healthCard.map(HealthCardView.init(jws:))
        self.payload = payload
    }

    public init(waiting: WaitingCertificate) {
        id = waiting.id
        personId = waiting.personId
        type = waiting.type
        status = "waiting"
        reason = waiting.reason
        uvci = nil
        hc1 = nil
        issuedAt = nil
        expiresAt = nil
        revoked = false
        revokedAt = nil
        revocationReason = nil
        shc = nil
        payload = nil
    }
}

/// A certificate's card as listed: the compact JWS and its QR texts.
public struct HealthCardView: Encodable, Hashable, Sendable {
    public let jws: String
    public let qr: [String]

    public init(jws: String) {
        self.jws = jws
        qr = HealthCardQR.texts(of: jws)
    }
}
