/// An isolation order (to a case) or a quarantine order (to a contact): the person stays home from `startDate` until
/// the start of `endDate` (Bahrain's days, see `Timestamp.civilDate`), unless released earlier.
public struct Order: Sendable, Hashable {
    /// Whom an order keeps at home: `isolation` a case, `quarantine` a contact. Stored in `orders.kind` and shown in
    /// the API's JSON; the raw value is also the word the person's text messages use ("Your quarantine has ended.").
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case isolation
        case quarantine
    }

    /// Whether an order still binds: `active` until it is released (at its end date, by an early release rule, or with
    /// its case), then `released` for good, with a release time and reason. Stored in `orders.state` and shown in the
    /// API's JSON.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case active
        case released
    }

    public let id: String
    public let personId: String
    public let caseId: String
    public let kind: Kind
    public let startDate: CalendarDate
    /// The first day free of the order.
    public var endDate: CalendarDate
    public var state: State
    public var releasedAt: Timestamp?
    /// `completed` at its end date, the release rule that ended it earlier, or `continued` when it was put back in
    /// force on a later day as a new order (see `OrderService.reinstate`).
    public var releaseReason: String?
    public let createdAt: Timestamp
    /// Days added to the end because the last check-in reported fever.
    public var extendedDays: Int
    /// Set when the order was extended: an operator should call the person.
    public var flagged: Bool

    package init(
        id: String, personId: String, caseId: String, kind: Kind, startDate: CalendarDate, endDate: CalendarDate,
        state: State, releasedAt: Timestamp?, releaseReason: String?, createdAt: Timestamp, extendedDays: Int = 0,
        flagged: Bool = false
    ) {
        self.id = id
        self.personId = personId
        self.caseId = caseId
        self.kind = kind
        self.startDate = startDate
        self.endDate = endDate
        self.state = state
        self.releasedAt = releasedAt
        self.releaseReason = releaseReason
        self.createdAt = createdAt
        self.extendedDays = extendedDays
        self.flagged = flagged
    }

    /// The instant the order ends: the start of its end date.
    public var endsAt: Timestamp { Timestamp(startOfCivilDay: endDate) }

    /// Whether it binds the person at `now`.
    public func isInForce(at now: Timestamp) -> Bool {
        state == .active && Timestamp(startOfCivilDay: startDate) <= now && now < endsAt
    }
}

/// How long orders last and when they end: configuration, shown by `healthctl orders policy`.
public struct OrderPolicy: Sendable, Hashable, Codable {
    /// Days of isolation from the onset.
    public var isolationDays: Int
    /// Days of quarantine from the last contact.
    public var quarantineDays: Int
    /// The day of quarantine (counted from the last contact, which is day 0) from which a negative PCR sampled that
    /// day or later releases the quarantine early.
    public var quarantineTestDay: Int
    /// Days an order may be extended, one at a time, while the last check-in reports fever.
    public var maximumExtensionDays: Int

    public init(
        isolationDays: Int = 10, quarantineDays: Int = 7, quarantineTestDay: Int = 5, maximumExtensionDays: Int = 10
    ) {
        self.isolationDays = isolationDays
        self.quarantineDays = quarantineDays
        self.quarantineTestDay = quarantineTestDay
        self.maximumExtensionDays = maximumExtensionDays
    }

    /// The range each period may be configured in.
    public static let allowedDays = 1...30

    /// The end date of an isolation from `onset` (the day it is over).
    func isolationEnd(from onset: CalendarDate) -> CalendarDate {
        CalendarDate(daysSinceEpoch: onset.daysSinceEpoch + Int64(isolationDays))
    }
}
