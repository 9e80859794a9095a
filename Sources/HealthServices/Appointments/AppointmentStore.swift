/// Storage of appointments and what booking rules consult. Rules run inside `write`: one transaction, so the
/// capacity check and the insert cannot be split by another booking.
///
/// Isolation a backend must give `write`, whatever its writers: `reserveSeat` takes a seat with one conditional
/// update (`booked < capacity`) that two transactions cannot both pass for the last seat; an idempotency record
/// is unique on its principal and key, so a replay racing the first request finds it or fails, never doubles
/// it; `append` adds an entry that joins the hash chain only if its write commits (SQLite's one writer links it
/// as it writes it; on PostgreSQL a sealer links committed entries afterwards).
public protocol AppointmentStore: Sendable {
    /// Runs `body` outside any explicit transaction, as both backends read: each statement sees what was committed when
    /// it began, so two reads in one body may see different states. `body` may run more than once (PostgreSQL runs it
    /// again after a lost session) and must change nothing.
    func read<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. `body` may run more than
    /// once (PostgreSQL runs it again after a lost race or session; SQLite runs it on its own when SQLite rolled back
    /// the transaction it shared with other writes), and only the run that committed answers, so it must have no effect
    /// outside the store. It should await nothing but the transaction: on SQLite the other writes wait while it runs. A
    /// refusal thrown by the rules (a full slot, a reused key) rolls back the seat and everything else the body did.
    func write<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T) async throws
        -> T
}

/// What booking rules can read and change inside one transaction.
public protocol AppointmentTransaction {
    /// What a booking's rules decide on, read together (see ``BookingFacts``).
    func bookingFacts(for request: BookingRequest) async throws -> BookingFacts
    /// The appointment with its slot's centre and start; nil when there is none. In a write its row stays locked to
    /// the end (on PostgreSQL `FOR UPDATE`; SQLite has one writer), so of two writes deciding on its status the second
    /// sees what the first made of it, and a seat is never freed twice.
    func appointment(id: String) async throws -> Appointment?
    /// The people's appointments of every status, by slot start, then id; empty for no ids.
    func appointments(ofPeople personIDs: [String]) async throws -> [Appointment]
    /// The appointments `filter` finds, by slot start, then id, at most `filter.limit`; its date is the day of the
    /// slot's start in Bahrain.
    func appointments(matching filter: AppointmentFilter) async throws -> [Appointment]
    /// The slot with its seats left, as scheduling reads it; nil when there is none. Its count is no promise: take a
    /// seat with ``reserveSeat(slotID:)``.
    func slot(id: String) async throws -> Slot?
    /// The catalogue service with this id, as scheduling reads it; nil when there is none.
    func careService(id: String) async throws -> CareService?
    /// The ids of the people a citizen acts for: themself and their dependants.
    func peopleActedFor(by personID: String) async throws -> [String]
    /// The person's latest vaccine dose recorded, and latest vaccine appointment checked in and not completed.
    func doses(personID: String) async throws -> DoseFacts
    /// Takes one seat if the slot has one left; false when it is full.
    func reserveSeat(slotID: String) async throws -> Bool
    /// Gives one seat of the slot back. It never takes the count below zero and does not say whether it changed
    /// anything, nor does it look at any appointment: each call frees a seat, so release only the seat of an
    /// appointment just found `booked` and changed in the same write.
    func releaseSeat(slotID: String) async throws
    /// Stores the appointment's status, slot and update time.
    func update(_ appointment: Appointment) async throws
    /// How many wrong check-in codes have been tried for the appointment.
    func wrongCheckInCodes(appointmentID: String) async throws -> Int
    /// Counts one more wrong check-in code tried for the appointment.
    func countWrongCheckInCode(appointmentID: String) async throws
    /// Appends `event` to the hash-chained audit log in this transaction, so the entry commits exactly when the change
    /// it records does. Call it last: on PostgreSQL it records the transaction's id, by which a COMMIT left unanswered
    /// is settled.
    func append(_ event: AuditEvent, at now: Timestamp) async throws
    /// Books: takes a seat of the appointment's slot as ``reserveSeat(slotID:)`` does and, when there was one,
    /// stores the new appointment, the request's idempotency record and the audit entry (as ``append(_:at:)``);
    /// false, with nothing stored, when the slot is full. PostgreSQL does it in one statement, one round trip.
    ///
    /// A person holds at most one `booked` appointment per service (a partial unique index), so a second is
    /// refused. The record's principal and key are its primary key: of two racing requests with one key only one
    /// commits, and on PostgreSQL the other runs again and finds the record in ``bookingFacts(for:)``; or, when the
    /// first took the slot's last seat, finds the slot full and reads the facts again, finding the record there.
    func book(
        _ appointment: Appointment, remembering record: IdempotencyRecord, audit event: AuditEvent, at now: Timestamp
    ) async throws -> Bool
}
