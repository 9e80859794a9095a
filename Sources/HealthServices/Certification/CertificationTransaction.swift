/// What the certificate services read and change inside a record transaction: the certificates issued, those
/// waiting (``WaitingCertificate``), and the Latin name of their holder.
///
/// Isolation a backend must give: a certificate is revoked at most once (a conditional update, so of two racing
/// revocations one changes nothing).
public protocol CertificationTransaction {
    /// The certificate with this id, revoked or not; nil when there is none. In a write its row stays locked to the end
    /// (on PostgreSQL `FOR UPDATE`; SQLite has one writer), so of two revocations the second finds it revoked.
    func certificate(id: String) async throws -> IssuedCertificate?
    /// Whether a certificate issued from the records carries this UVCI, revoked or not.
    func isIssued(uvci: String) async throws -> Bool
    /// The people's certificates, newest first.
    func certificates(ofPeople personIDs: [String]) async throws -> [IssuedCertificate]
    /// Certificates issued from a lab result that are not revoked yet.
    func activeCertificates(resultID: String) async throws -> [IssuedCertificate]
    /// Every revoked certificate, in the order of revocation: what the revocation lists are made of.
    func revokedCertificates() async throws -> [IssuedCertificate]
    /// How many certificates are revoked: a cheap check of whether cached revocation lists are still current.
    func revokedCertificateCount() async throws -> Int
    /// Stores an issued certificate; its UVCI must be new (a unique constraint), and it names its vaccination or its
    /// lab result, never both (a check constraint).
    func insert(_ certificate: IssuedCertificate) async throws
    /// Revokes the certificate unless it is revoked already.
    func revoke(certificateID: String, reason: String, at now: Timestamp) async throws

    /// Stores a certificate a record gives that waits (for the holder's Latin name, a device or a signer), until
    /// ``resolveWaitingCertificate(id:certificateID:at:)`` or ``resolveWaitingCertificates(resultID:at:)`` ends the
    /// wait.
    func insert(_ waiting: WaitingCertificate) async throws
    /// The people's certificates still waiting (for a Latin name, a device or a document signer), newest first.
    func waitingCertificates(ofPeople personIDs: [String]) async throws -> [WaitingCertificate]
    /// Up to `limit` certificates still waiting for `reason`, anyone's whose id sorts after `personID`, in the order
    /// of their holders' ids: read to learn whom to hold before their waits are read again.
    func waitingCertificates(reason: String, after personID: String, limit: Int) async throws -> [WaitingCertificate]
    /// Ends a wait: with the certificate now issued, or with none (nothing left to certify).
    func resolveWaitingCertificate(id: String, certificateID: String?, at now: Timestamp) async throws
    /// Ends the waits of a lab result (it was corrected).
    func resolveWaitingCertificates(resultID: String, at now: Timestamp) async throws
    /// Records the Latin forms of a person's name, which their certificates carry from now on.
    func setLatinName(personID: String, familyName: String?, givenName: String?) async throws
}
