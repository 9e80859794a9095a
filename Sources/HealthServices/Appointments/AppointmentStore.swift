/// Storage of appointments and what booking rules consult. Rules run inside `write`: one transaction, so the
/// capacity check and the insert cannot be split by another booking.
public protocol AppointmentStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any AppointmentTransaction) throws -> T) async throws -> T
}

/// What booking rules can read and change inside one transaction.
public protocol AppointmentTransaction {
    func appointment(id: String) throws -> Appointment?
    func appointments(ofPeople personIDs: [String]) throws -> [Appointment]
    func appointments(matching filter: AppointmentFilter) throws -> [Appointment]
    func slot(id: String) throws -> Slot?
    func careService(id: String) throws -> CareService?
    func personExists(id: String) throws -> Bool
    /// The ids of the people a citizen acts for: themself and their dependants.
    func peopleActedFor(by personID: String) throws -> [String]
    func hasActiveAppointment(personID: String, service: String) throws -> Bool
    /// When the person's latest recorded vaccine dose was given, if any.
    func latestDose(personID: String) throws -> Timestamp?
    /// Takes one seat if the slot has one left; false when it is full.
    func reserveSeat(slotID: String) throws -> Bool
    func releaseSeat(slotID: String) throws
    func insert(_ appointment: Appointment) throws
    /// Stores the appointment's status, slot and update time.
    func update(_ appointment: Appointment) throws
    func idempotencyRecord(principal: String, key: String) throws -> IdempotencyRecord?
    func insert(_ record: IdempotencyRecord) throws
    func append(_ event: AuditEvent, at now: Timestamp) throws
}
