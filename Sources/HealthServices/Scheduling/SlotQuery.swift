/// A search for slots: each filter optional, the time range bounded, at most `limit` results by start time.
public struct SlotQuery: Sendable, Hashable {
    public var service: String?
    public var centreId: String?
    public var area: String?
    public var from: Timestamp
    public var to: Timestamp
    public var limit: Int
    /// Whether full slots are included (operators' listings); citizens search open ones only.
    public var includeFull: Bool

    public init(
        service: String?, centreId: String?, area: String?, from: Timestamp, to: Timestamp, limit: Int,
        includeFull: Bool
    ) {
        self.service = service
        self.centreId = centreId
        self.area = area
        self.from = from
        self.to = to
        self.limit = limit
        self.includeFull = includeFull
    }

    /// This search as a citizen makes it: open slots only, and none that started before `now`.
    func openSlots(from now: Timestamp) -> SlotQuery {
        var query = self
        query.from = max(from, now)
        query.includeFull = false
        return query
    }
}
