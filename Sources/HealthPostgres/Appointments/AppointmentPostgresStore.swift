public import HealthServices
import PostgresNIO

/// Appointment storage in the PostgreSQL health database: tables `appointments` and `idempotency_keys`,
/// reading `slots`, `people` and `vaccinations`.
public struct AppointmentPostgresStore: AppointmentStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T)
        async throws -> T
    {
        try await database.read { try await body(AppointmentPostgresTransaction(session: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T)
        async throws -> T
    {
        try await database.write { try await body(AppointmentPostgresTransaction(session: $0)) }
    }
}

/// ``AppointmentTransaction`` over one PostgreSQL transaction.
///
/// A seat is taken by one conditional `UPDATE … WHERE booked < capacity`: a second booking of the last seat
/// waits on the row lock of the first, then re-checks the condition against the committed count and fails. An
/// idempotency key is the primary key of its table: a replay racing the first request fails on the key, and
/// the write runs again (see ``PostgresDatabase/write(_:)``), now finding the first answer.
struct AppointmentPostgresTransaction: AppointmentTransaction {
    let session: PostgresSession

    static let columns = """
        a.id, a.slot_id, a.person_id, a.service_id, s.centre_id, s.starts_at, a.status, a.check_in_code, a.booked_by,
        a.created_at, a.updated_at
        """
    static let select = "SELECT \(columns) FROM appointments a JOIN slots s ON s.id = a.slot_id"

    static func appointment(_ row: PostgresRow) throws -> Appointment {
        let (id, slotID, personID, service, centreID, start, statusName, checkInCode, bookedBy, createdAt, updatedAt) =
            try row.decode(
                (String, String, String, String, String, Timestamp, String, String, String, Timestamp, Timestamp).self)
        guard let status = Appointment.Status(rawValue: statusName) else {
            throw StoreError("unknown appointment status")
        }
        return Appointment(
            id: id, slotId: slotID, personId: personID, service: service, centreId: centreID, start: start,
            status: status, checkInCode: checkInCode, bookedBy: bookedBy, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// In a write, the appointment's row stays locked to the end of the transaction: a cancel, reschedule or
    /// check-in decides on its status, and a second one racing it must see what the first made of it, or both
    /// would free its seat.
    func appointment(id: String) async throws -> Appointment? {
        if session.isWrite {
            return try await session.first(SQL.AppointmentByIDForUpdate.self, id, row: Self.appointment)
        }
        return try await session.first(SQL.AppointmentByID.self, id, row: Self.appointment)
    }

    func appointments(ofPeople personIDs: [String]) async throws -> [Appointment] {
        guard !personIDs.isEmpty else { return [] }
        return try await session.all(
            "\(unescaped: Self.select) WHERE a.person_id = ANY(\(personIDs)) ORDER BY s.starts_at, a.id",
            Self.appointment)
    }

    func appointments(matching filter: AppointmentFilter) async throws -> [Appointment] {
        var builder = PostgresQueryBuilder("\(Self.select) WHERE true")
        if let centre = filter.centreId { builder.append(" AND s.centre_id = ", centre) }
        if let person = filter.personId { builder.append(" AND a.person_id = ", person) }
        if let date = filter.date {
            let dayStart = Timestamp(startOfCivilDay: date)
            builder.append(" AND s.starts_at >= ", dayStart)
            builder.append(" AND s.starts_at < ", dayStart.adding(seconds: 86_400))
        }
        if let status = filter.status { builder.append(" AND a.status = ", status.rawValue) }
        builder.append(" ORDER BY s.starts_at, a.id LIMIT ", filter.limit)
        return try await session.all(builder.query, Self.appointment)
    }

    func slot(id: String) async throws -> Slot? {
        try await SchedulingPostgresTransaction(session: session).slot(id: id)
    }

    func careService(id: String) async throws -> CareService? {
        try await SchedulingPostgresTransaction(session: session).careService(id: id)
    }

    func peopleActedFor(by personID: String) async throws -> [String] {
        try await session.all(SQL.PeopleActedFor.self, personID) { try $0.decode(String.self) }
    }

    func doses(personID: String) async throws -> DoseFacts {
        try await session.first(SQL.Doses.self, personID) {
            let (recorded, checkedIn) = try $0.decode((Timestamp?, Timestamp?).self)
            return DoseFacts(latestRecorded: recorded, latestCheckedIn: checkedIn)
        } ?? DoseFacts(latestRecorded: nil, latestCheckedIn: nil)
    }

    func reserveSeat(slotID: String) async throws -> Bool {
        try await session.run(SQL.ReserveSeat.self, slotID) == 1
    }

    func releaseSeat(slotID: String) async throws {
        try await session.run(SQL.ReleaseSeat.self, slotID)
    }

    func update(_ appointment: Appointment) async throws {
        try await session.run(
            SQL.UpdateAppointment.self, appointment.id, appointment.status.rawValue, appointment.slotId,
            appointment.updatedAt)
    }

    func wrongCheckInCodes(appointmentID: String) async throws -> Int {
        try await session.first("SELECT wrong_check_in_codes FROM appointments WHERE id = \(appointmentID)") {
            try $0.decode(Int.self)
        } ?? 0
    }

    func countWrongCheckInCode(appointmentID: String) async throws {
        try await session.run(
            "UPDATE appointments SET wrong_check_in_codes = wrong_check_in_codes + 1 WHERE id = \(appointmentID)")
    }

    func append(_ event: AuditEvent, at now: Timestamp) async throws {
        try await AuditPostgresWriter.append(event, at: now, on: session)
    }

    func book(
        _ appointment: Appointment, remembering record: IdempotencyRecord, audit event: AuditEvent, at now: Timestamp
    ) async throws -> Bool {
        let mark = try await session.first(
            SQL.Book.self, appointment.id, appointment.slotId, appointment.personId, appointment.service,
            appointment.status.rawValue, appointment.checkInCode, appointment.bookedBy, appointment.createdAt,
            appointment.updatedAt, record.principal, record.key, Bytea(record.requestHash), record.createdAt, now,
            now.iso8601, event.actor, event.role.rawValue, event.action, event.subject, event.detailsJSON
        ) { TransactionMark(try $0.decode((Int64, Double).self)) }
        guard let mark else { return false }
        session.record(mark)
        return true
    }
}

extension AppointmentPostgresTransaction {
    /// The statements of booking, cancelling and rescheduling, prepared once per connection.
    enum SQL {
        enum AppointmentByID: PreparedSQL {
            static let sql = "\(AppointmentPostgresTransaction.select) WHERE a.id = $1"
        }
        /// The lock is taken in a sub-select, so the slot is joined to the version of the row the lock waited
        /// for: with `FOR UPDATE OF a` on the join, a reschedule committed during the wait left the new slot id
        /// re-checked against the old slot's row, and the appointment was not found.
        enum AppointmentByIDForUpdate: PreparedSQL {
            static let sql = """
                SELECT \(AppointmentPostgresTransaction.columns)
                FROM (SELECT * FROM appointments WHERE id = $1 FOR UPDATE) a JOIN slots s ON s.id = a.slot_id
                """
        }
        enum PeopleActedFor: PreparedSQL {
            static let sql = "SELECT id FROM people WHERE id = $1 OR guardian_id = $1 ORDER BY id = $1 DESC, id"
        }
        enum Doses: PreparedSQL {
            static let sql = "SELECT \(doses("$1"))"
        }

        /// The person's latest recorded dose and latest checked-in vaccine appointment's start, as two columns.
        static func doses(_ person: String) -> String {
            """
            (SELECT max(v.administered_at) FROM vaccinations v WHERE v.person_id = \(person)),
                (SELECT max(s.starts_at) FROM appointments a JOIN slots s ON s.id = a.slot_id
                    JOIN care_services c ON c.id = a.service_id
                    WHERE a.person_id = \(person) AND a.status = 'checked-in' AND c.kind = 'vaccine')
            """
        }
        enum ReserveSeat: PreparedSQL {
            static let sql = "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING 1"
        }
        enum ReleaseSeat: PreparedSQL {
            static let sql = "UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0"
        }
        enum UpdateAppointment: PreparedSQL {
            static let sql = "UPDATE appointments SET status = $2, slot_id = $3, updated_at = $4 WHERE id = $1"
        }
        /// ReserveSeat, the appointment's and the idempotency record's inserts and the audit append, in one
        /// statement: no row when the slot is full, and then nothing is written. The append is called once per seat
        /// taken, never for none, whatever order the planner picks (a function beside `seat` in FROM could run first).
        enum Book: PreparedSQL {
            static let sql = """
                WITH seat AS (
                    UPDATE slots SET booked = booked + 1 WHERE id = $2 AND booked < capacity RETURNING 1
                ), appointment AS (
                    INSERT INTO appointments (id, slot_id, person_id, service_id, status, check_in_code, booked_by,
                        created_at, updated_at)
                    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM seat
                ), idempotency AS (
                    INSERT INTO idempotency_keys (principal, key, request_hash, appointment_id, created_at)
                    SELECT $10, $11, $12, $1, $13 FROM seat
                )
                SELECT \(TransactionMark.columns)
                FROM (SELECT audit_append($14, $15, $16, $17, $18, $19, $20) FROM seat) AS appended
                """
        }
    }
}
