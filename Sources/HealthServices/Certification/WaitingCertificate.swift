public import Certificates

/// A certificate a record gives that could not be issued yet, for one of three reasons:
/// - the holder's name is in a script no ICAO 9303 table covers and has no Latin form; it is issued when an
///   operator records the Latin form;
/// - a rapid antigen result's lab has not named the test device, or named one off the EU list, without which every
///   EU acceptance rule refuses a test certificate (TR-EU-0002); the lab's correction naming a listed one issues it;
/// - no document signer could sign it: the newest DSC had expired or was withdrawn, or expires before the
///   certificate's validity begins; the server issues it once a key rotation gives one
///   (``CertificateService/issueCertificatesWaitingForSigner()``).
///
/// It is resolved without a certificate when there is nothing left to certify (a test certificate past its 72
/// hours, a corrected result).
public struct WaitingCertificate: Sendable, Hashable {
    public let id: String
    public let personId: String
    public let type: CertificateType
    public let vaccinationId: String?
    public let resultId: String?
    /// Why it waits: `name-needs-latin-form`, `device-needed` or `signer-needed`.
    public let reason: String
    public let createdAt: Timestamp

    package init(
        id: String, personId: String, type: CertificateType, vaccinationId: String?, resultId: String?, reason: String,
        createdAt: Timestamp
    ) {
        self.id = id
        self.personId = personId
        self.type = type
        self.vaccinationId = vaccinationId
        self.resultId = resultId
        self.reason = reason
        self.createdAt = createdAt
    }

    /// A new wait of the record's certificate, for `reason`, under a fresh id.
    package init(
        personId: String, type: CertificateType, vaccinationId: String?, resultId: String?, reason: String,
        createdAt: Timestamp
    ) {
        self.init(
            id: OpaqueID.make("cwt"), personId: personId, type: type, vaccinationId: vaccinationId,
            resultId: resultId, reason: reason, createdAt: createdAt)
    }

    /// The reason a certificate waits for the Latin form of the holder's name.
    public static let needsLatinName = "name-needs-latin-form"
    /// The reason a test certificate waits for the lab to name its rapid antigen test device.
    public static let needsDevice = "device-needed"
    /// The reason a certificate waits for a document signer that can sign it.
    public static let needsSigner = "signer-needed"
    /// Every reason a certificate waits for: what a record's certificate can be refused for until it comes.
    static let reasons: Set<String> = [needsLatinName, needsDevice, needsSigner]
}
