/// Storage of the service catalogue, centres and slots. Rules run inside `write`, one transaction.
///
/// Isolation: a centre has at most one slot per service and start (a unique constraint, so `insertIfAbsent`
/// stays idempotent across writers).
public protocol SchedulingStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T) async throws -> T
}

/// What scheduling rules can read and change inside one transaction.
public protocol SchedulingTransaction {
    func careServices() async throws -> [CareService]
    func careService(id: String) async throws -> CareService?
    func insert(_ service: CareService, at now: Timestamp) async throws
    func centres() async throws -> [Centre]
    func centre(id: String) async throws -> Centre?
    func insert(_ centre: Centre) async throws
    /// Inserts the slot unless the centre already has one for this service at this start; true when inserted.
    func insertIfAbsent(_ slot: Slot, at now: Timestamp) async throws -> Bool
    func slot(id: String) async throws -> Slot?
    func slots(matching query: SlotQuery) async throws -> SlotList
    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
