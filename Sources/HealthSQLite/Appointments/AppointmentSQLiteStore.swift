public import HealthServices

/// Appointment storage in `health.sqlite`: tables `appointments` and `idempotency_keys`, reading `slots`,
/// `people` and `vaccinations`.
public struct AppointmentSQLiteStore: AppointmentStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T)
        async throws
        -> T
    {
        try await database.read { try await body(AppointmentSQLiteTransaction(connection: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T)
        async throws
        -> T
    {
        try await database.groupedWrite { try await body(AppointmentSQLiteTransaction(connection: $0)) }
    }
}

/// ``AppointmentTransaction`` over one connection inside the database actor.
struct AppointmentSQLiteTransaction: AppointmentTransaction {
    let connection: SQLiteConnection

    static let columns = """
        a.id, a.slot_id, a.person_id, a.service_id, s.centre_id, s.starts_at, a.status, a.check_in_code, a.booked_by,
        a.created_at, a.updated_at
        """
    static let select = "SELECT \(columns) FROM appointments a JOIN slots s ON s.id = a.slot_id"

    static func appointment(_ row: SQLiteRow) throws -> Appointment {
        guard let status = Appointment.Status(rawValue: try row.get(6)) else {
            throw SQLiteError.misuse("unknown appointment status")
        }
        return Appointment(
            id: try row.get(0), slotId: try row.get(1), personId: try row.get(2), service: try row.get(3),
            centreId: try row.get(4),
            start: try row.get(5), status: status, checkInCode: try row.get(7), bookedBy: try row.get(8),
            createdAt: try row.get(9), updatedAt: try row.get(10)
        )
    }

    func appointment(id: String) throws -> Appointment? {
        try connection.queryFirst("\(Self.select) WHERE a.id = ?", id, row: Self.appointment)
    }

    func appointments(ofPeople personIDs: [String]) throws -> [Appointment] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            "\(Self.select) WHERE a.person_id IN (\(SQLiteConnection.placeholders(personIDs.count))) ORDER BY s.starts_at, a.id",
            arguments: personIDs,
            row: Self.appointment
        )
    }

    func appointments(matching filter: AppointmentFilter) throws -> [Appointment] {
        var sql = "\(Self.select) WHERE 1 = 1"
        var arguments: [any SQLiteValueConvertible] = []
        if let centre = filter.centreId {
            sql += " AND s.centre_id = ?"
            arguments.append(centre)
        }
        if let person = filter.personId {
            sql += " AND a.person_id = ?"
            arguments.append(person)
        }
        if let date = filter.date {
            let dayStart = Timestamp(startOfCivilDay: date)
            sql += " AND s.starts_at >= ? AND s.starts_at <= ?"
            arguments += [dayStart, min(dayStart.adding(seconds: 86_399), Timestamp.lastFourDigitInstant)]
        }
        if let status = filter.status {
            sql += " AND a.status = ?"
            arguments.append(status.rawValue)
        }
        sql += " ORDER BY s.starts_at, a.id LIMIT ?"
        arguments.append(filter.limit)
        return try connection.query(sql, arguments: arguments, row: Self.appointment)
    }

    func slot(id: String) throws -> Slot? {
        try SchedulingSQLiteTransaction(connection: connection).slot(id: id)
    }

    func careService(id: String) throws -> CareService? {
        try SchedulingSQLiteTransaction(connection: connection).careService(id: id)
    }

    func peopleActedFor(by personID: String) throws -> [String] {
        try connection.query(
            "SELECT id FROM people WHERE id = ?1 OR guardian_id = ?1 ORDER BY id = ?1 DESC, id", personID
        ) {
            try $0.get(0, as: String.self)
        }
    }

    func doses(personID: String) throws -> DoseFacts {
        try connection.queryFirst(
            """
            SELECT (SELECT max(administered_at) FROM vaccinations WHERE person_id = ?1),
                (SELECT max(s.starts_at) FROM appointments a JOIN slots s ON s.id = a.slot_id
                    JOIN care_services c ON c.id = a.service_id
                    WHERE a.person_id = ?1 AND a.status = 'checked-in' AND c.kind = 'vaccine')
            """, personID
        ) {
            DoseFacts(latestRecorded: try $0.get(0), latestCheckedIn: try $0.get(1))
        } ?? DoseFacts(latestRecorded: nil, latestCheckedIn: nil)
    }

    func reserveSeat(slotID: String) throws -> Bool {
        try connection.run("UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity", slotID) == 1
    }

    func releaseSeat(slotID: String) throws {
        try connection.run("UPDATE slots SET booked = booked - 1 WHERE id = ? AND booked > 0", slotID)
    }

    func book(
        _ appointment: Appointment, remembering record: IdempotencyRecord, audit event: AuditEvent, at now: Timestamp
    ) throws -> Bool {
        guard try reserveSeat(slotID: appointment.slotId) else { return false }
        try insert(appointment)
        try insert(record)
        try append(event, at: now)
        return true
    }

    private func insert(_ appointment: Appointment) throws {
        try connection.run(
            """
            INSERT INTO appointments (id, slot_id, person_id, service_id, status, check_in_code, booked_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            appointment.id, appointment.slotId, appointment.personId, appointment.service, appointment.status.rawValue,
            appointment.checkInCode, appointment.bookedBy, appointment.createdAt, appointment.updatedAt
        )
    }

    func update(_ appointment: Appointment) throws {
        try connection.run(
            "UPDATE appointments SET status = ?, slot_id = ?, updated_at = ? WHERE id = ?",
            appointment.status.rawValue, appointment.slotId, appointment.updatedAt, appointment.id
        )
    }

    func wrongCheckInCodes(appointmentID: String) throws -> Int {
        try connection.queryFirst("SELECT wrong_check_in_codes FROM appointments WHERE id = ?", appointmentID) {
            try $0.get(0, as: Int.self)
        } ?? 0
    }

    func countWrongCheckInCode(appointmentID: String) throws {
        try connection.run(
            "UPDATE appointments SET wrong_check_in_codes = wrong_check_in_codes + 1 WHERE id = ?", appointmentID)
    }

    private func insert(_ record: IdempotencyRecord) throws {
        try connection.run(
            "INSERT INTO idempotency_keys (principal, key, request_hash, appointment_id, created_at) VALUES (?, ?, ?, ?, ?)",
            record.principal, record.key, record.requestHash, record.appointmentId, record.createdAt
        )
    }

    func append(_ event: AuditEvent, at now: Timestamp) throws {
        try AuditSQLiteWriter.append(event, at: now, on: connection)
    }
}
