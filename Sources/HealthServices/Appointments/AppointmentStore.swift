/// Storage of appointments and what booking rules consult. Rules run inside `write`: one transaction, so the
/// capacity check and the insert cannot be split by another booking.
///
/// Isolation a backend must give `write`, whatever its writers: `reserveSeat` takes a seat with one conditional
/// update (`booked < capacity`) that two transactions cannot both pass for the last seat; an idempotency record
/// is unique on its principal and key, so a replay racing the first request finds it or fails, never doubles
/// it; `append` reads the last audit entry's hash and links the new one to it, so appends must be ordered by a
/// lock held to commit (SQLite's write lock; on a server database, a lock taken for the audit chain).
public protocol AppointmentStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) async throws -> T) async throws
        -> T
}

/// What booking rules can read and change inside one transaction.
public protocol AppointmentTransaction {
    /// What a booking's rules decide on, read together (see ``BookingFacts``).
    func bookingFacts(for request: BookingRequest) async throws -> BookingFacts
    func appointment(id: String) async throws -> Appointment?
    func appointments(ofPeople personIDs: [String]) async throws -> [Appointment]
    func appointments(matching filter: AppointmentFilter) async throws -> [Appointment]
    func slot(id: String) async throws -> Slot?
    func careService(id: String) async throws -> CareService?
    /// The ids of the people a citizen acts for: themself and their dependants.
    func peopleActedFor(by personID: String) async throws -> [String]
    /// When the person's latest recorded vaccine dose was given, if any.
    func latestDose(personID: String) async throws -> Timestamp?
    /// Takes one seat if the slot has one left; false when it is full.
    func reserveSeat(slotID: String) async throws -> Bool
    func releaseSeat(slotID: String) async throws
    func insert(_ appointment: Appointment) async throws
    /// Stores the appointment's status, slot and update time.
    func update(_ appointment: Appointment) async throws
    func insert(_ record: IdempotencyRecord) async throws
    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
