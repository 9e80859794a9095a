/// Storage of the service catalogue, centres and slots. Rules run inside `write`, one transaction.
///
/// Isolation: a centre has at most one slot per service and start (a unique constraint, so `insertIfAbsent`
/// stays idempotent across writers).
public protocol SchedulingStore: Sendable {
    /// Runs `body` outside any explicit transaction, as both backends read: each statement sees what was committed when
    /// it began, so two reads in one body may see different states. `body` may run more than once (PostgreSQL runs it
    /// again after a lost session) and must change nothing.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. `body` may run more than
    /// once (PostgreSQL runs it again after a lost race or session; SQLite runs it on its own when SQLite rolled back
    /// the transaction it shared with other writes), and only the run that committed answers, so it must have no effect
    /// outside the store. It should await nothing but the transaction: on SQLite the other writes wait while it runs.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T) async throws -> T
}

/// What scheduling rules can read and change inside one transaction.
public protocol SchedulingTransaction {
    /// The whole catalogue: tests before vaccines, each kind by id.
    func careServices() async throws -> [CareService]
    /// The catalogue service with this id; nil when there is none. Nothing deletes a service: slots and appointments
    /// refer to it.
    func careService(id: String) async throws -> CareService?
    /// Adds a service to the catalogue, created at `now`. Its id must be new (the primary key), and a vaccine must
    /// carry a product code and a minimum interval between doses, a test neither (a check constraint).
    func insert(_ service: CareService, at now: Timestamp) async throws
    /// Every centre with the services it offers, sorted; centres by area, then name, then id. Two statements: in a
    /// `read`, a centre added between them shows no services.
    func centres() async throws -> [Centre]
    /// The centre with the services it offers, sorted; nil when there is none.
    func centre(id: String) async throws -> Centre?
    /// Stores a new centre and the services it offers; each must be in the catalogue (a foreign key). Only the services
    /// a centre offers can have slots there (a foreign key too).
    func insert(_ centre: Centre) async throws
    /// Inserts the slot unless the centre already has one for this service at this start; true when inserted.
    func insertIfAbsent(_ slot: Slot, at now: Timestamp) async throws -> Bool
    /// The slot with its seats left (`capacity` less those booked); nil when there is none.
    func slot(id: String) async throws -> Slot?
    /// The slots `query` finds, by start, then id, at most `query.limit`: starting in `from..<to`, in the area compared
    /// without case (SQLite folds ASCII letters only), and without full slots unless `includeFull`.
    func slots(matching query: SlotQuery) async throws -> SlotList
    /// Appends `event` to the hash-chained audit log in this transaction, so the entry commits exactly when the change
    /// it records does. Call it last: on PostgreSQL it takes the chain's lock, held until commit, and records the
    /// transaction's id, by which a COMMIT left unanswered is settled.
    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
