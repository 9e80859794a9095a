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

    /// The periods orders are given.
    public var currentPolicy: OrderPolicy { policy }

    /// The orders of the people the principal may see, newest first.
    public func orders(for principal: Principal, personID: String?) async throws -> [Order] {
        try await store.read { transaction in
            try await transaction.orders(
                ofPeople: transaction.visiblePeople(to: principal, personID: personID ?? principal.personID))
        }
    }

    /// Releases every active order whose end date has come: the person gets a message, an isolation order's case
    /// becomes `recovered`, and each release is audited; returns how many were released.
    public func releaseDueOrders() async throws -> Int {
        let now = clock.now()
        var released = 0
        while true {
            let batch = try await store.write { transaction in
                let due = try await transaction.activeOrders(endingBy: now.date, limit: Self.releaseBatch)
                for order in due { try await Self.release(order, at: now, in: transaction) }
                return due.count
            }
            released += batch
            if batch < Self.releaseBatch { return released }
        }
    }

    static func release(_ order: Order, at now: Timestamp, in transaction: any RecordTransaction) async throws {
        guard try await transaction.release(orderID: order.id, reason: "completed", at: now) else { return }
        if order.kind == .isolation, var caseFile = try await transaction.caseFile(id: order.caseId),
            caseFile.state == .isolating
        {
            caseFile.state = .recovered
            try await transaction.update(caseFile)
        }
        if let phone = try await transaction.person(id: order.personId)?.phone {
            try await transaction.enqueue(
                OutboxMessage(
                    to: phone, text: "Your \(order.kind.rawValue) has ended. Thank you for staying at home.",
                    code: nil, createdAt: now))
        }
        try await transaction.append(
            AuditEvent(
                by: .system, "order.release", subject: "order:\(order.id)",
                details: ["reason": "completed", "kind": order.kind.rawValue]),
            at: now)
    }
}
