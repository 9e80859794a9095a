public import HealthServices
import PostgresNIO

/// Record storage in the PostgreSQL health database: tables `lab_results`, `lab_result_history`,
/// `vaccinations`, `certificates`, `waiting_certificates` and `exposure_verification_codes`, reading people and
/// appointments.
public struct RecordPostgresStore: RecordStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws
        -> T
    {
        try await database.readSnapshot { try await body(RecordPostgresTransaction(session: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws
        -> T
    {
        try await database.write { try await body(RecordPostgresTransaction(session: $0)) }
    }
}

/// ``RecordTransaction`` over one PostgreSQL transaction; people and appointments are read as the identity and
/// appointment stores read them.
///
/// A lab's sample id is unique (a second upload of one sample racing the first fails on the key, and its write
/// runs again to find the first); a verification code is consumed and a certificate revoked by one conditional
/// update each, which only one of two racing transactions passes.
struct RecordPostgresTransaction: RecordTransaction {
    let session: PostgresSession

    var results: any ResultTransaction { ResultPostgresTransaction(session: session) }
    var vaccinations: any VaccinationTransaction { VaccinationPostgresTransaction(session: session) }
    var certificates: any CertificationTransaction { CertificationPostgresTransaction(session: session) }
    var verificationCodes: any VerificationCodeTransaction { VerificationCodePostgresTransaction(session: session) }
    var cases: any CaseTransaction { CasePostgresTransaction(session: session) }

    var identity: IdentityPostgresTransaction { IdentityPostgresTransaction(session: session) }
    var appointments: AppointmentPostgresTransaction { AppointmentPostgresTransaction(session: session) }

    func atomically<T>(_ body: () async throws -> T) async throws -> T {
        try await session.atomically(body)
    }

    func person(id: String) async throws -> Person? { try await identity.person(id: id) }
    func person(nationalID: NationalID) async throws -> Person? { try await identity.person(nationalID: nationalID) }

    func people(nationalIDs: [NationalID]) async throws -> [Person] {
        guard !nationalIDs.isEmpty else { return [] }
        return try await session.all(
            PeopleByNationalID.self, nationalIDs.map(\.digits), row: IdentityPostgresTransaction.person)
    }

    /// A stretch of a lab batch's people, prepared once per connection.
    enum PeopleByNationalID: PreparedSQL {
        static let sql = "SELECT \(IdentityPostgresTransaction.personColumns) FROM people WHERE national_id = ANY($1)"
    }

    /// The rows locked to the end in the order of their ids, in one statement, as a dose's people are: two batches
    /// take the people they share in the same order. `NO KEY UPDATE` leaves them free for the key-share locks of
    /// bookings' foreign keys.
    func holdPeople(nationalIDs: [NationalID]) async throws {
        guard session.isWrite, !nationalIDs.isEmpty else { return }
        try await session.run(HoldPeopleByNationalID.self, nationalIDs.map(\.digits))
    }

    enum HoldPeopleByNationalID: PreparedSQL {
        static let sql = "SELECT 1 FROM people WHERE national_id = ANY($1) ORDER BY id FOR NO KEY UPDATE"
    }

    func peopleActedFor(by personID: String) async throws -> [String] {
        try await appointments.peopleActedFor(by: personID)
    }

    func appointment(id: String) async throws -> Appointment? { try await appointments.appointment(id: id) }
    func careService(id: String) async throws -> CareService? { try await appointments.careService(id: id) }

    func attendedAppointments(ofPeople personIDs: [String], from: Timestamp, to: Timestamp) async throws
        -> [Appointment]
    {
        guard !personIDs.isEmpty else { return [] }
        return try await session.all(
            AttendedAppointments.self, personIDs, from, to, row: AppointmentPostgresTransaction.appointment)
    }

    /// A stretch of a lab batch's candidate appointments, prepared once per connection.
    enum AttendedAppointments: PreparedSQL {
        static let sql = """
            \(AppointmentPostgresTransaction.select)
            WHERE a.person_id = ANY($1) AND a.status IN ('checked-in', 'completed')
                AND s.starts_at >= $2 AND s.starts_at <= $3
            """
    }

    func complete(appointmentID: String, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE appointments SET status = 'completed', updated_at = \(now)
            WHERE id = \(appointmentID) AND status = 'checked-in'
            """)
    }

    func append(_ event: AuditEvent, at now: Timestamp) async throws {
        try await AuditPostgresWriter.append(event, at: now, on: session)
    }

    func append(_ events: [AuditEvent], at now: Timestamp) async throws {
        try await AuditPostgresWriter.append(events, at: now, on: session)
    }
}
