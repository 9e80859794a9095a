/// Storage of the records at the heart of the system: lab results, vaccinations, the certificates issued from
/// them, and exposure verification codes. A record, its certificate and its audit entry are written in one
/// transaction, so none exists without the others.
public protocol RecordStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) throws -> T) async throws -> T
}

/// What the record services read and change inside one transaction.
public protocol RecordTransaction {
    /// Runs `body` in a savepoint: its changes stay only if it returns (one item of a batch).
    func atomically<T>(_ body: () throws -> T) throws -> T

    func person(id: String) throws -> Person?
    func person(nationalID: NationalID) throws -> Person?
    /// The ids of the people a citizen acts for: themself and their dependants.
    func peopleActedFor(by personID: String) throws -> [String]

    func appointment(id: String) throws -> Appointment?
    func careService(id: String) throws -> CareService?
    /// The person's checked-in or completed appointment for `service` whose slot starts within a day of `time`.
    func appointment(personID: String, service: String, near time: Timestamp) throws -> Appointment?
    func complete(appointmentID: String, at now: Timestamp) throws

    func labResult(lab: String, sampleID: String) throws -> LabResult?
    func labResult(id: String) throws -> LabResult?
    func labResults(ofPeople personIDs: [String]) throws -> [LabResult]
    func insert(_ result: LabResult, recordedBy: String) throws
    /// Stores a corrected result and adds its new version to the history.
    func update(_ result: LabResult, recordedBy: String) throws

    func vaccinations(ofPeople personIDs: [String]) throws -> [Vaccination]
    func insert(_ vaccination: Vaccination) throws

    func certificate(id: String) throws -> IssuedCertificate?
    func certificates(ofPeople personIDs: [String]) throws -> [IssuedCertificate]
    /// Certificates issued from a lab result that are not revoked yet.
    func activeCertificates(resultID: String) throws -> [IssuedCertificate]
    func revokedCertificates() throws -> [IssuedCertificate]
    func revokedCertificateCount() throws -> Int
    func insert(_ certificate: IssuedCertificate) throws
    func revoke(certificateID: String, reason: String, at now: Timestamp) throws

    /// The result's code that is neither used, cancelled nor expired at `now`.
    func openVerificationCode(resultID: String, at now: Timestamp) throws -> ExposureVerificationCode?
    /// False when the code is already open for another result (draw another).
    func insert(_ code: ExposureVerificationCode) throws -> Bool
    func cancelVerificationCodes(resultID: String, at now: Timestamp) throws
    /// Marks an open, unexpired code used and returns it; nil when no open code matches. A conditional update
    /// (`... WHERE consumed_at IS NULL`), so of two concurrent callers only one gets the code.
    func consumeVerificationCode(_ code: String, at now: Timestamp) throws -> ExposureVerificationCode?
    /// Codes issued and used per UTC day (`YYYY-MM-DD`), for the key server's statistics.
    func verificationCodeCountsByDay() throws -> [(day: String, issued: Int, used: Int)]

    func append(_ event: AuditEvent, at now: Timestamp) throws
}
