/// An isolation or quarantine order as the API and `healthctl` show it: `endDate` is the first day free of it.
public struct OrderView: Encodable, Hashable, Sendable {
    public let id: String
    public let personId: String
    public let caseId: String
    public let kind: Order.Kind
    public let startDate: CalendarDate
    public let endDate: CalendarDate
    public let state: Order.State
    public let releasedAt: Timestamp?
    public let releaseReason: String?
    public let extendedDays: Int
    public let flagged: Bool
    /// The day the next check-in is due, while the order runs; nil where it is not looked up.
    public let nextCheckIn: CalendarDate?

    public init(_ order: Order, nextCheckIn: CalendarDate? = nil) {
        id = order.id
        personId = order.personId
        caseId = order.caseId
        kind = order.kind
        startDate = order.startDate
        endDate = order.endDate
        state = order.state
        releasedAt = order.releasedAt
        releaseReason = order.releaseReason
        extendedDays = order.extendedDays
        flagged = order.flagged
        self.nextCheckIn = nextCheckIn
    }
}

/// A case with its notes log, contacts and orders, as the API and `healthctl cases show` show it.
public struct CaseDetailsView: Encodable, Hashable, Sendable {
    public let `case`: Case
    public let notes: [CaseNote]
    public let contacts: [Contact]
    public let orders: [OrderView]

    public init(_ details: CaseService.Details) {
        `case` = details.caseFile
        notes = details.notes
        contacts = details.contacts
        orders = details.orders.map { OrderView($0) }
    }
}
