public import HealthServices

/// Record storage in `health.sqlite`: tables `lab_results`, `lab_result_history`, `vaccinations`,
/// `certificates`, `waiting_certificates`, `exposure_verification_codes` and the case tables, reading people and
/// appointments.
public struct RecordSQLiteStore: RecordStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws
        -> T
    {
        try await database.read(snapshot: true) { try await body(RecordSQLiteTransaction(connection: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any RecordTransaction) async throws -> T) async throws
        -> T
    {
        try await database.groupedWrite { try await body(RecordSQLiteTransaction(connection: $0)) }
    }
}

/// ``RecordTransaction`` over one connection inside the database actor; people and appointments are read as
/// the identity and appointment stores read them.
struct RecordSQLiteTransaction: RecordTransaction {
    let connection: SQLiteConnection

    var results: any ResultTransaction { ResultSQLiteTransaction(connection: connection) }
    var vaccinations: any VaccinationTransaction { VaccinationSQLiteTransaction(connection: connection) }
    var certificates: any CertificationTransaction { CertificationSQLiteTransaction(connection: connection) }
    var verificationCodes: any VerificationCodeTransaction { VerificationCodeSQLiteTransaction(connection: connection) }
    var cases: any CaseTransaction { CaseSQLiteTransaction(connection: connection) }

    var identity: IdentitySQLiteTransaction { IdentitySQLiteTransaction(connection: connection) }
    var appointments: AppointmentSQLiteTransaction { AppointmentSQLiteTransaction(connection: connection) }

    func atomically<T>(_ body: () async throws -> T) async throws -> T {
        try connection.execute("SAVEPOINT record_item")
        do {
            let value = try await body()
            try connection.execute("RELEASE record_item")
            return value
        } catch {
            try? connection.execute("ROLLBACK TO record_item")
            try? connection.execute("RELEASE record_item")
            throw error
        }
    }

    func person(id: String) throws -> Person? { try identity.person(id: id) }
    func person(nationalID: NationalID) throws -> Person? { try identity.person(nationalID: nationalID) }

    func people(nationalIDs: [NationalID]) throws -> [Person] {
        guard !nationalIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(IdentitySQLiteTransaction.personColumns) FROM people
            WHERE national_id IN (\(SQLiteConnection.placeholders(nationalIDs.count)))
            """,
            arguments: nationalIDs.map(\.digits), row: IdentitySQLiteTransaction.person)
    }
    /// Nothing to do: SQLite runs one write at a time.
    func holdPeople(nationalIDs: [NationalID]) {}
    func peopleActedFor(by personID: String) throws -> [String] { try appointments.peopleActedFor(by: personID) }
    func appointment(id: String) throws -> Appointment? { try appointments.appointment(id: id) }
    func careService(id: String) throws -> CareService? { try appointments.careService(id: id) }

    func attendedAppointments(ofPeople personIDs: [String], from: Timestamp, to: Timestamp) throws -> [Appointment] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            \(AppointmentSQLiteTransaction.select)
            WHERE a.person_id IN (\(SQLiteConnection.placeholders(personIDs.count)))
                AND a.status IN ('checked-in', 'completed') AND s.starts_at >= ? AND s.starts_at <= ?
            """,
            arguments: personIDs + [from, to] as [any SQLiteValueConvertible],
            row: AppointmentSQLiteTransaction.appointment)
    }

    func complete(appointmentID: String, at now: Timestamp) throws {
        try connection.run(
            "UPDATE appointments SET status = 'completed', updated_at = ? WHERE id = ? AND status = 'checked-in'", now,
            appointmentID)
    }

    func append(_ events: [AuditEvent], at now: Timestamp) throws {
        for event in events { try append(event, at: now) }
    }

    func append(_ event: AuditEvent, at now: Timestamp) throws {
        try AuditSQLiteWriter.append(event, at: now, on: connection)
    }
}
