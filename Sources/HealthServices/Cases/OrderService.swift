/// Isolation and quarantine orders: what a citizen is under, and the release of orders whose time is up (a job of
/// the server and `healthctl maintenance run`).
public struct OrderService: Sendable {
    let store: any RecordStore
    let policy: OrderPolicy
    let clock: WallClock

    /// Orders released per transaction, so one pass never holds the write lock long.
    static let releaseBatch = 200

    public init(store: any RecordStore, policy: OrderPolicy, clock: WallClock) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// Ends every active order whose end date has come: released when its last check-in reports no fever (the
    /// person gets a message, an isolation order's case becomes `recovered`), else extended by a day and flagged
    /// for an operator, up to the policy's limit; each audited. Returns how many were released.
    public func releaseDueOrders() async throws -> Int {
        let now = clock.now()
        let policy = policy
        var released = 0
        while true {
            let (handled, releasedNow) = try await store.write { transaction in
                let due = try await transaction.cases.activeOrders(endingBy: now.civilDate, limit: Self.releaseBatch)
                var releasedNow = 0
                for candidate in due {
                    // Held before its check-ins are read, so one still being stored is waited for; an isolation's
                    // case first, as every write of a case and its orders takes them.
                    if candidate.kind == .isolation { _ = try await transaction.cases.caseFile(id: candidate.caseId) }
                    guard let order = try await transaction.cases.order(id: candidate.id), order.state == .active,
                        order.endDate <= now.civilDate
                    else { continue }
                    if try await Self.shouldExtend(order, policy: policy, in: transaction.cases) {
                        try await Self.extend(order, at: now, in: transaction)
                    } else if try await Self.release(
                        order, reason: "completed", at: now, asRead: true, in: transaction)
                    {
                        releasedNow += 1
                    }
                }
                return (due.count, releasedNow)
            }
            released += releasedNow
            if handled < Self.releaseBatch { return released }
        }
    }

    /// Whether the last check-in reported fever and the order may still be extended.
    static func shouldExtend(_ order: Order, policy: OrderPolicy, in cases: any CaseTransaction) async throws
        -> Bool
    {
        guard order.extendedDays < policy.maximumExtensionDays else { return false }
        return try await cases.checkIns(orderID: order.id).last?.reportsFever == true
    }

    /// Extends the order to the day after today (or after its end, were that later), so a job that ran late extends
    /// it once, not once for each day missed. Nothing is done (no message, no audit entry) when another pass changed
    /// the order since it was read: on PostgreSQL two servers' passes may read it at once.
    static func extend(_ order: Order, at now: Timestamp, in transaction: any RecordTransaction) async throws {
        let end = CalendarDate(daysSinceEpoch: max(order.endDate, now.civilDate).daysSinceEpoch + 1)
        guard try await transaction.cases.extend(order, until: end) else { return }
        try await transaction.tell(
            personID: order.personId,
            "You reported fever, so your \(order.kind.rawValue) goes on until \(end.iso8601) at least; "
                + "a health worker will call you.",
            at: now)
        try await transaction.append(
            AuditEvent(
                by: .system, "order.extend", subject: "order:\(order.id)",
                details: ["extendedDays": String(order.extendedDays + 1), "reason": "fever"]),
            at: now)
    }

    /// Releases an active order with an audit entry, and a message unless another order still holds the person at
    /// home (a longer quarantine, or the isolation that follows one); false when it was not active. `asRead`: only
    /// if it still ends as `order` says (on SQLite, or on PostgreSQL read without ``CaseTransaction/order(id:)``'s
    /// hold, a correction or a fever may have moved the end since).
    static func release(
        _ order: Order, reason: String, at now: Timestamp, asRead: Bool = false, in transaction: any RecordTransaction
    ) async throws -> Bool {
        let released =
            asRead
            ? try await transaction.cases.releaseAsRead(order, reason: reason, at: now)
            : try await transaction.cases.release(orderID: order.id, reason: reason, at: now)
        guard released else { return false }
        if order.kind == .isolation, var caseFile = try await transaction.cases.caseFile(id: order.caseId),
            caseFile.state == .isolating
        {
            caseFile.state = .recovered
            caseFile.closedAt = now
            try await transaction.cases.update(caseFile)
        }
        let stillHeld = try await transaction.cases.orders(ofPeople: [order.personId]).contains { $0.state == .active }
        if !stillHeld {
            try await transaction.tell(
                personID: order.personId, "Your \(order.kind.rawValue) has ended. Thank you for staying at home.",
                at: now)
        }
        try await transaction.append(
            AuditEvent(
                by: .system, "order.release", subject: "order:\(order.id)",
                details: ["reason": reason, "kind": order.kind.rawValue]),
            at: now)
        return true
    }
}
