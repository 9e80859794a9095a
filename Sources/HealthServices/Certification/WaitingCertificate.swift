public import Certificates

/// A certificate a record gives that could not be issued yet: the holder's name is in a script no ICAO 9303
/// table covers and has no Latin form. It is issued when an operator records the Latin form, or resolved
/// without a certificate when there is nothing left to certify (a test certificate past its 72 hours, a
/// corrected result).
public struct WaitingCertificate: Sendable, Hashable {
    public let id: String
    public let personId: String
    public let type: CertificateType
    public let vaccinationId: String?
    public let resultId: String?
    /// Why it waits: `name-needs-latin-form`.
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

    /// The reason a certificate waits for the Latin form of the holder's name.
    public static let needsLatinName = "name-needs-latin-form"
}
