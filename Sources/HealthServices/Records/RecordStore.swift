/// Storage of the records at the heart of the system: lab results, vaccinations, the certificates issued from
/// them, and exposure verification codes. A record, its certificate and its audit entry are written in one
/// transaction, so none exists without the others.
///
/// Isolation a backend must give `write`: a lab's sample id is unique per lab (a constraint, so two uploads of
/// one sample cannot both insert); a verification code is consumed by one conditional update that only an open
/// code passes; a certificate is revoked at most once; audit appends are ordered as in ``AppointmentStore``.
public protocol RecordStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws -> T
}

/// What the record services read and change inside one transaction.
public protocol RecordTransaction {
    /// Runs `body` in a savepoint: its changes stay only if it returns (one item of a batch).
    func atomically<T>(_ body: () async throws -> T) async throws -> T

    func person(id: String) async throws -> Person?
    func person(nationalID: NationalID) async throws -> Person?
    /// The ids of the people a citizen acts for: themself and their dependants.
    func peopleActedFor(by personID: String) async throws -> [String]

    func appointment(id: String) async throws -> Appointment?
    func careService(id: String) async throws -> CareService?
    /// The person's checked-in or completed appointment for `service` whose slot starts within a day of `time`.
    func appointment(personID: String, service: String, near time: Timestamp) async throws -> Appointment?
    func complete(appointmentID: String, at now: Timestamp) async throws

    func labResult(lab: String, sampleID: String) async throws -> LabResult?
    func labResult(id: String) async throws -> LabResult?
    func labResults(ofPeople personIDs: [String]) async throws -> [LabResult]
    func insert(_ result: LabResult, recordedBy: String) async throws
    /// Stores a corrected result and adds its new version to the history.
    func update(_ result: LabResult, recordedBy: String) async throws

    func vaccinations(ofPeople personIDs: [String]) async throws -> [Vaccination]
    func insert(_ vaccination: Vaccination) async throws

    func certificate(id: String) async throws -> IssuedCertificate?
    func certificates(ofPeople personIDs: [String]) async throws -> [IssuedCertificate]
    /// Certificates issued from a lab result that are not revoked yet.
    func activeCertificates(resultID: String) async throws -> [IssuedCertificate]
    func revokedCertificates() async throws -> [IssuedCertificate]
    func revokedCertificateCount() async throws -> Int
    func insert(_ certificate: IssuedCertificate) async throws
    func revoke(certificateID: String, reason: String, at now: Timestamp) async throws

    func insert(_ waiting: WaitingCertificate) async throws
    /// The people's certificates still waiting for a Latin name, newest first.
    func waitingCertificates(ofPeople personIDs: [String]) async throws -> [WaitingCertificate]
    /// Ends a wait: with the certificate now issued, or with none (nothing left to certify).
    func resolveWaitingCertificate(id: String, certificateID: String?, at now: Timestamp) async throws
    /// Ends the waits of a lab result (it was corrected).
    func resolveWaitingCertificates(resultID: String, at now: Timestamp) async throws
    /// Records the Latin forms of a person's name.
    func setLatinName(personID: String, familyName: String?, givenName: String?) async throws

    /// The result's code that is neither used, cancelled nor expired at `now`.
    func openVerificationCode(resultID: String, at now: Timestamp) async throws -> ExposureVerificationCode?
    /// False when the code is already open for another result (draw another).
    func insert(_ code: ExposureVerificationCode) async throws -> Bool
    func cancelVerificationCodes(resultID: String, at now: Timestamp) async throws
    /// Marks an open, unexpired code used, with the retry tag of this use, and returns it; nil when no open code
    /// matches. A conditional update (`... WHERE consumed_at IS NULL`), so of two concurrent callers only one gets
    /// the code.
    func consumeVerificationCode(_ code: String, at now: Timestamp, retryTag: [UInt8]) async throws
        -> ExposureVerificationCode?
    /// The code used after `usedAfter` that still holds its retry tag (and is not cancelled), with that tag: what a
    /// retry of its use needs. A read: the key server's database orders concurrent retries.
    func retriableVerificationCode(_ code: String, usedAfter: Timestamp) async throws -> ExposureVerificationCode?
    /// Opens again a code this caller used at `consumedAt` (and nobody has used since), forgetting the use's retry
    /// tag; false when it is not so.
    func releaseVerificationCode(_ code: String, consumedAt: Timestamp) async throws -> Bool
    /// Codes issued and used per UTC day (`YYYY-MM-DD`), for the key server's statistics.
    func verificationCodeCountsByDay() async throws -> [(day: String, issued: Int, used: Int)]

    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
