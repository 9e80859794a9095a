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

/// What the record services read and change inside one transaction (and the cases a positive result opens).
public protocol RecordTransaction: CaseTransaction {
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

    /// The result's code that is neither used, cancelled nor expired at `now`, as stored: hashed and sealed.
    func openVerificationCode(resultID: String, at now: Timestamp) async throws -> SealedVerificationCode?
    /// Stores a new code as its hash, with the copy sealed for its owner (nil for an operator's code, shown only
    /// when issued); false when a code of that hash is already open (draw another).
    func insert(_ code: ExposureVerificationCode, hash: [UInt8], sealed: [UInt8]?) async throws -> Bool
    /// Cancels the result's open codes, erasing their sealed copies.
    func cancelVerificationCodes(resultID: String, at now: Timestamp) async throws
    /// Marks the open, unexpired code of `hash` used and returns it; nil when no open code matches. The use is
    /// stored rounded down to the hour, the sealed copy erased, and `retryTag` kept with the exact `retryUntil`
    /// (see ``VerificationCodeUse``). A conditional update (`... WHERE consumed_at IS NULL`), so of two concurrent
    /// callers only one gets the code.
    func consumeVerificationCode(hash: [UInt8], at now: Timestamp, retryTag: [UInt8], retryUntil: Timestamp)
        async throws -> UsedVerificationCode?
    /// The used, uncancelled code of `hash` whose retry window is open at `now`, with its tag: what a retry of its
    /// use needs. A read: the key server's database orders concurrent retries.
    func retriableVerificationCode(hash: [UInt8], at now: Timestamp) async throws -> UsedVerificationCode?

    /// Whether a code with this hash is held unused, not cancelled and expired at `now`.
    func verificationCodeHasExpired(hash: [UInt8], at now: Timestamp) async throws -> Bool
    /// Opens again the code of `hash` used with `retryTag`, forgetting the use and restoring the sealed copy when
    /// the code has an owner (a result); false when no such use is stored.
    func releaseVerificationCode(hash: [UInt8], retryTag: [UInt8], sealed: [UInt8]) async throws -> Bool
    /// The codes still stored in clear (before the health database kept them hashed: migration 11 on SQLite, 9
    /// on PostgreSQL), with whether each is open at `now` for its owner to see.
    func verificationCodesInClear(at now: Timestamp) async throws -> [(id: Int64, code: String, isShown: Bool)]
    /// Replaces a code stored in clear by its hash and, when it is still shown, its sealed copy (a no-op when
    /// another server sealed it first).
    func sealVerificationCode(id: Int64, hash: [UInt8], sealed: [UInt8]?) async throws
    /// Codes issued and used per UTC day (`YYYY-MM-DD`), for the key server's statistics.
    func verificationCodeCountsByDay() async throws -> [(day: String, issued: Int, used: Int)]

    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
