/// What the case services read and change inside a record transaction, so a case opens in the same transaction as
/// the positive result that opens it.
///
/// Isolation a backend must give `write`: one open case per person (a partial unique index), so two positives of one
/// person recorded at once cannot open two cases; an order is released at most once (a conditional update).
public protocol CaseTransaction {
    /// The person's case that is `open` or `isolating`, if any. In a write, the person is held to the end (on
    /// PostgreSQL their row is locked, and the case's; SQLite has one writer), so two writes that decide from the
    /// person's case and orders (a positive opening a case, a contact given a quarantine) run one after the other.
    func openCase(personID: String) async throws -> Case?
    /// The case with this id, in any state; nil when there is none. In a write its row stays locked to the end (on
    /// PostgreSQL `FOR UPDATE`; SQLite has one writer), so ``update(_:)`` never writes back over a change committed
    /// since it was read.
    func caseFile(id: String) async throws -> Case?
    /// The person's cases in any state, newest first; read without holding them (an ended case changes only from
    /// recovered to closed).
    func cases(personID: String) async throws -> [Case]
    /// Cases, newest first, filtered by state, assigned operator and opening time.
    func cases(state: Case.State?, assignedTo: String?, openedSince: Timestamp?, limit: Int) async throws -> [Case]
    /// Stores a new case. A person has at most one `open` or `isolating` case (a partial unique index), so look with
    /// ``openCase(personID:)`` first: of two racing inserts one fails, and on PostgreSQL its write runs again and finds
    /// the other's case.
    func insert(_ caseFile: Case) async throws
    /// Stores the case's state, assignment and closing time.
    func update(_ caseFile: Case) async throws

    /// Adds a note to the end of the case's log; notes are never changed or deleted.
    func insert(_ note: CaseNote) async throws
    /// The case's notes, oldest first.
    func notes(caseID: String) async throws -> [CaseNote]

    /// Stores a contact of the case. One with no `personId` is pending, for operators to reach
    /// (``pendingContacts(limit:)``); retention erases its name, phone, national id and setting once the case has been
    /// closed long enough.
    func insert(_ contact: Contact) async throws
    /// The case's contacts, oldest first.
    func contacts(caseID: String) async throws -> [Contact]
    /// The contacts whose quarantine is this order (a contact named by several cases shares one order), oldest first.
    func contacts(orderID: String) async throws -> [Contact]
    /// Contacts of open cases no registered person matched, oldest first: for operators to reach.
    func pendingContacts(limit: Int) async throws -> [Contact]

    /// The order with this id, active or released; nil when there is none. In a write it is held to the end (on
    /// PostgreSQL `FOR UPDATE`), so a check-in and a release of the order run one after the other.
    func order(id: String) async throws -> Order?
    /// Stores a new order. Nothing in the store limits a person's active orders: the rules that issue them do.
    func insert(_ order: Order) async throws
    /// The people's orders, newest first. In a write, no other write changes them, or names them for a new contact,
    /// until this one ends: a running quarantine given to a contact is not being released meanwhile.
    func orders(ofPeople personIDs: [String]) async throws -> [Order]
    /// The case's orders, active and released, earliest start first.
    func orders(caseID: String) async throws -> [Order]
    /// ``orders(caseID:)``, held to the end of the write as ``orders(ofPeople:)`` holds a person's: what ending a
    /// case reads, so that the contacts it reads next, to see whether another case still needs a quarantine, are
    /// all there are.
    func heldOrders(caseID: String) async throws -> [Order]
    /// Active orders whose end date is `date` or earlier, oldest end first; not held (read each with
    /// ``order(id:)`` to hold it).
    func activeOrders(endingBy date: CalendarDate, limit: Int) async throws -> [Order]
    /// Releases an active order; false when it was not active.
    func release(orderID: String, reason: String, at now: Timestamp) async throws -> Bool
    /// Releases `order` when it is still active and ends as it was read (end date and extensions); false otherwise:
    /// an order another write extended or moved after it was read keeps its new end.
    func releaseAsRead(_ order: Order, reason: String, at now: Timestamp) async throws -> Bool
    /// Gives an active order to another case, ending on `endDate`: a shared quarantine whose first case closed early
    /// and that another case's contact still rests on. False when the order is no longer active.
    func move(orderID: String, toCase caseID: String, endDate: CalendarDate) async throws -> Bool
    /// Makes active again a quarantine order released for `reason` today, when what released it was withdrawn: its
    /// person became a case (`became-case`) whose positive was corrected, or a negative PCR (`negative-test`) was
    /// corrected; false when the order was not released so.
    func reinstate(orderID: String, releasedFor reason: String) async throws -> Bool
    /// The same for an order released on an earlier day, whose days without it stay as they were: the released
    /// order's reason becomes `continued` (so it is not put back twice), `continuation` (active from today to its
    /// end) is inserted, and the order's contacts move to it. False, changing nothing, when the order was not
    /// released for `reason`.
    func `continue`(orderID: String, releasedFor reason: String, as continuation: Order) async throws -> Bool
    /// Gives a released order the reason `reason` in place of `previous`, keeping when it was released: what ended it
    /// turned out to be another rule. False when it was not released for `previous`.
    func changeReleaseReason(orderID: String, from previous: String, to reason: String) async throws -> Bool
    /// Moves an active order's end to `endDate`, counting one more day of extension and flagging the order; false,
    /// changing nothing, when the order is no longer as read (released, or extended by another pass since): a
    /// conditional update, so two passes that read the same order extend it once.
    func extend(_ order: Order, until endDate: CalendarDate) async throws -> Bool

    /// Stores a check-in; false when the order has one for that day already.
    func insert(_ checkIn: CheckIn) async throws -> Bool
    /// The order's check-ins, oldest first.
    func checkIns(orderID: String) async throws -> [CheckIn]
    /// Orders in force through `day` with no check-in for it, oldest start first: started, not ended, not released
    /// before the day was over. An order released at its end still owed its last day's check-in, which its release
    /// read; one released early (by a negative test, a positive, a case closed) owed none on the day it ended, when
    /// a check-in after the release is refused. Not those made after that day (in Bahrain): one dated back to a
    /// sample's or a contact's day had no check-in to make before it was made.
    func ordersMissingCheckIn(on day: CalendarDate, limit: Int) async throws -> [Order]

    /// Queues a text message in the outbox in this transaction, so it is sent exactly when the change it tells of
    /// is stored.
    func enqueue(_ message: OutboxMessage) async throws
}
