/// Storage of the records at the heart of the system: lab results, vaccinations, the certificates issued from
/// them, exposure verification codes and the cases positives open. A record, its certificate and its audit entry
/// are written in one transaction, so none exists without the others.
///
/// Isolation a backend must give `write`: what each part's protocol states (``ResultTransaction``,
/// ``CertificationTransaction``, ``VerificationCodeTransaction``, ``CaseTransaction``); audit appends are ordered as
/// in ``AppointmentStore``.
public protocol RecordStore: Sendable {
    /// Runs `body` on one snapshot: all its statements see what was committed when the first began, so an answer
    /// made of several reads (a person's results, doses and orders) never mixes states before and after a write.
    /// `body` may run more than once (PostgreSQL runs it again after a lost session) and must change nothing. It
    /// should await nothing but the transaction: on SQLite a reader connection holds its one snapshot until `body`
    /// returns, and another read waiting for that connection could not begin its own meanwhile.
    func read<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. `body` may run more than
    /// once (PostgreSQL runs it again after a lost race or session; SQLite runs it on its own when SQLite rolled back
    /// the transaction it shared with other writes), and only the run that committed answers, so it must have no effect
    /// outside the store. It should await nothing but the transaction: on SQLite the other writes wait while it runs. A
    /// throw rolls back all of `body`: to let one item of a batch fail alone, run it in
    /// ``RecordTransaction/atomically(_:)``.
    func write<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws -> T
}

/// One transaction over the records, handing out each concern's part on the same connection: a lab upload writes a
/// result, its certificate, its verification code, the case it opens and the audit entry together, so atomicity is
/// the transaction's. Beside the parts, the reads of people and appointments every record needs.
public protocol RecordTransaction {
    /// Lab results and their version history. Every part works on this transaction's connection, so what it changes
    /// commits or rolls back with the rest.
    var results: any ResultTransaction { get }
    /// Doses recorded here and abroad.
    var vaccinations: any VaccinationTransaction { get }
    /// Issued certificates and their revocations, those waiting (``WaitingCertificate``), and the Latin name.
    var certificates: any CertificationTransaction { get }
    /// The exposure verification codes positive results give.
    var verificationCodes: any VerificationCodeTransaction { get }
    /// Cases with their notes, contacts, orders and check-ins, and the outbox their messages go to.
    var cases: any CaseTransaction { get }

    /// Runs `body` in a savepoint: its changes stay only if it returns (one item of a batch).
    func atomically<T>(_ body: () async throws -> T) async throws -> T

    /// The person with this id, as identity reads it; nil when there is none.
    func person(id: String) async throws -> Person?
    /// The person holding this national id (at most one): how labs and records of doses given abroad name people. nil
    /// when the id is not registered.
    func person(nationalID: NationalID) async throws -> Person?
    /// The people holding these national ids, those registered, in no order: a stretch of a lab batch at once (a few
    /// hundred ids).
    func people(nationalIDs: [NationalID]) async throws -> [Person]
    /// Keeps other writes from changing the people holding these national ids until this one ends, so what is built
    /// from them later (a certificate's names) is not older than a Latin name set meanwhile: a whole lab batch at
    /// once, before its stretches are read, so that two batches naming the same people never wait on each other in
    /// a circle.
    func holdPeople(nationalIDs: [NationalID]) async throws
    /// The ids of the people a citizen acts for: themself and their dependants.
    func peopleActedFor(by personID: String) async throws -> [String]

    /// The appointment with its slot's centre and start, as booking reads it; nil when there is none. Read without a
    /// lock: an appointment is held to one dose by a unique constraint instead.
    func appointment(id: String) async throws -> Appointment?
    /// The catalogue service with this id, whose product and interval between doses a dose is checked and certified
    /// with; nil when there is none.
    func careService(id: String) async throws -> CareService?
    /// The people's checked-in or completed appointments, for any service, whose slots start from `from` to `to`
    /// (both included), in no order: those a stretch of a lab batch may belong to.
    func attendedAppointments(ofPeople personIDs: [String], from: Timestamp, to: Timestamp) async throws
        -> [Appointment]
    /// Marks a `checked-in` appointment `completed` at `now`: its record exists. One conditional update, which leaves
    /// an appointment in any other status as it is and does not say so.
    func complete(appointmentID: String, at now: Timestamp) async throws

    /// Appends `event` to the hash-chained audit log in this transaction, so the entry commits exactly when the change
    /// it records does. Call it last: on PostgreSQL it records the transaction's id, by which a COMMIT left unanswered
    /// is settled (the entry is chained after the commit, with no lock held meanwhile).
    func append(_ event: AuditEvent, at now: Timestamp) async throws
    /// Appends `events` in order, as many calls of ``append(_:at:)`` would: on PostgreSQL in one statement.
    func append(_ events: [AuditEvent], at now: Timestamp) async throws
}
