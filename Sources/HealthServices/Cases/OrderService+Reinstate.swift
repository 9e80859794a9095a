extension OrderService {
    /// Puts `order`, a quarantine released for `reason`, back in force when what released it was corrected away: in
    /// place when it was released today, else as a continuation from today (see
    /// ``CaseTransaction/continue(orderID:releasedFor:as:)``), so that the days between stay without it, in the
    /// statistics and the missed check-ins alike: the person could not check in under it then. Returns the order
    /// in force; nil when it was not released so (another write put it back first).
    static func reinstate(
        _ order: Order, releasedFor reason: String, at now: Timestamp, in cases: any CaseTransaction
    ) async throws -> Order? {
        let today = now.civilDate
        if let releasedAt = order.releasedAt, releasedAt.civilDate >= today {
            guard try await cases.reinstate(orderID: order.id, releasedFor: reason) else { return nil }
            var back = order
            (back.state, back.releasedAt, back.releaseReason) = (.active, nil, nil)
            return back
        }
        let continuation = Order(
            id: OpaqueID.make("ord"), personId: order.personId, caseId: order.caseId, kind: order.kind,
            startDate: today, endDate: order.endDate, state: .active, releasedAt: nil, releaseReason: nil,
            createdAt: now, extendedDays: order.extendedDays, flagged: order.flagged)
        guard try await cases.continue(orderID: order.id, releasedFor: reason, as: continuation) else { return nil }
        return continuation
    }

    /// The audit details of `back`, put back in force in place of `order`: the order it continues, when new.
    static func reinstatement(_ back: Order, of order: Order, _ details: [String: String]) -> [String: String] {
        back.id == order.id ? details : details.merging(["continues": order.id]) { current, _ in current }
    }
}
