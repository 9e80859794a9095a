/// Storage of the service catalogue, centres and slots. Rules run inside `write`, one transaction.
public protocol SchedulingStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) throws -> T) async throws -> T
    /// Runs `body` like `read`, on the same connection and in one read transaction right after checking
    /// `credential` there, with the caller it names: the token check and the read are one trip to the database
    /// and see one snapshot.
    func read<T: Sendable>(
        verifying credential: BearerCredential,
        _ body: @escaping @Sendable (Principal, any SchedulingTransaction) throws -> T
    ) async throws -> Authenticated<T>
}

/// What scheduling rules can read and change inside one transaction.
public protocol SchedulingTransaction {
    func careServices() throws -> [CareService]
    func careService(id: String) throws -> CareService?
    func insert(_ service: CareService, at now: Timestamp) throws
    func centres() throws -> [Centre]
    func centre(id: String) throws -> Centre?
    func insert(_ centre: Centre) throws
    /// Inserts the slot unless the centre already has one for this service at this start; true when inserted.
    func insertIfAbsent(_ slot: Slot, at now: Timestamp) throws -> Bool
    func slot(id: String) throws -> Slot?
    func slots(matching query: SlotQuery) throws -> SlotList
    func append(_ event: AuditEvent, at now: Timestamp) throws
}
