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

    func insert(_ waiting: WaitingCertificate) throws
    /// The people's certificates still waiting for a Latin name, newest first.
    func waitingCertificates(ofPeople personIDs: [String]) throws -> [WaitingCertificate]
    /// Ends a wait: with the certificate now issued, or with none (nothing left to certify).
    func resolveWaitingCertificate(id: String, certificateID: String?, at now: Timestamp) throws
    /// Ends the waits of a lab result (it was corrected).
    func resolveWaitingCertificates(resultID: String, at now: Timestamp) throws
    /// Records the Latin forms of a person's name.
    func setLatinName(personID: String, familyName: String?, givenName: String?) throws

    /// The result's code that is neither used, cancelled nor expired at `now`.
    func openVerificationCode(resultID: String, at now: Timestamp) throws -> ExposureVerificationCode?
    /// False when the code is already open for another result (draw another).
    func insert(_ code: ExposureVerificationCode) throws -> Bool
    func cancelVerificationCodes(resultID: String, at now: Timestamp) throws
    /// Marks an open code used; the result it was issued for, nil when no open code matches.
    func consumeVerificationCode(_ code: String, at now: Timestamp) throws -> String?

    func append(_ event: AuditEvent, at now: Timestamp) throws
}
