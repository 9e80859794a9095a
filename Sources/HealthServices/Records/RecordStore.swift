/// Storage of the records at the heart of the system: lab results, vaccinations, the certificates issued from
/// them, exposure verification codes and the cases positives open. A record, its certificate and its audit entry
/// are written in one transaction, so none exists without the others.
///
/// Isolation a backend must give `write`: what each part's protocol states (``ResultTransaction``,
/// ``CertificationTransaction``, ``VerificationCodeTransaction``, ``CaseTransaction``); audit appends are ordered as
/// in ``AppointmentStore``.
public protocol RecordStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws -> T
}

/// One transaction over the records, handing out each concern's part on the same connection: a lab upload writes a
/// result, its certificate, its verification code, the case it opens and the audit entry together, so atomicity is
/// the transaction's. Beside the parts, the reads of people and appointments every record needs.
public protocol RecordTransaction {
    var results: any ResultTransaction { get }
    var vaccinations: any VaccinationTransaction { get }
    var certificates: any CertificationTransaction { get }
    var verificationCodes: any VerificationCodeTransaction { get }
    var cases: any CaseTransaction { get }

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

    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
