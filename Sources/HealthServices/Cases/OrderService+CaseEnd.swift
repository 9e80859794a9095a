/// What becomes of orders when a case ends early: closed by an operator, or withdrawn when the positive it rested on
/// was corrected. A quarantine is shared when several cases name the same contact (the longest order is kept), so it
/// ends only when no other case still needs it; and a contact whose own case is withdrawn is back in quarantine.
/// Every case but a closed one needs its contacts' quarantines: one that recovered leaves them running their days,
/// as only closing a case ends them.
extension OrderService {
    /// Releases the case's active orders, each with its message and audit entry, except a quarantine that a contact
    /// of another case not closed shares: that one stays, given to the case whose contact's quarantine ends last,
    /// and ends when that quarantine does. Returns how many orders were released.
    static func endOrders(
        ofCase caseID: String, reason: String, policy: OrderPolicy, at now: Timestamp,
        in transaction: any RecordTransaction
    ) async throws -> Int {
        var released = 0
        for order in try await transaction.cases.heldOrders(caseID: caseID) where order.state == .active {
            if order.kind == .quarantine,
                let (sharer, end) = try await sharer(
                    of: order, leaving: caseID, policy: policy, today: now.civilDate, in: transaction.cases)
            {
                try await give(order, to: sharer, endingOn: end, reason: reason, at: now, in: transaction)
            } else if try await release(order, reason: reason, at: now, in: transaction) {
                released += 1
            }
        }
        return released
    }

    /// The case not closed, other than `caseID`, whose contact's quarantine is `order` and ends last, with that end
    /// (never later than the order's); nil when no such quarantine runs past today.
    static func sharer(
        of order: Order, leaving caseID: String, policy: OrderPolicy, today: CalendarDate,
        in cases: any CaseTransaction
    ) async throws -> (caseID: String, end: CalendarDate)? {
        var latest: (caseID: String, end: CalendarDate)?
        for contact in try await cases.contacts(orderID: order.id) where contact.caseId != caseID {
            let end = CalendarDate(daysSinceEpoch: contact.lastContact.daysSinceEpoch + Int64(policy.quarantineDays))
            guard end > today, end > latest?.end ?? today, try await Self.needsQuarantines(contact.caseId, in: cases)
            else { continue }
            latest = (contact.caseId, min(end, order.endDate))
        }
        return latest
    }

    /// Hands a shared quarantine to the case that still needs it, telling the person when it now ends.
    static func give(
        _ order: Order, to caseID: String, endingOn end: CalendarDate, reason: String, at now: Timestamp,
        in transaction: any RecordTransaction
    ) async throws {
        guard try await transaction.cases.move(orderID: order.id, toCase: caseID, endDate: end) else { return }
        if end != order.endDate {
            try await transaction.tell(
                personID: order.personId, "Your quarantine now ends on \(end.iso8601); stay at home until then.",
                at: now)
        }
        try await transaction.append(
            AuditEvent(
                by: .system, "order.move", subject: "order:\(order.id)",
                details: ["case": caseID, "endDate": end.iso8601, "reason": reason]),
            at: now)
    }

    /// Puts back in force the quarantines a person's case had ended (`became-case`) when that case is withdrawn,
    /// while they have days left: each for the case it belonged to when that is not closed, else for the other case
    /// that named the person and still needs it (``sharer(of:leaving:policy:today:in:)``), until that one's end.
    /// Returns the latest end put back, if any.
    static func reinstateQuarantines(
        of personID: String, policy: OrderPolicy, at now: Timestamp, in transaction: any RecordTransaction
    ) async throws -> CalendarDate? {
        var latest: CalendarDate?
        for order in try await transaction.cases.orders(ofPeople: [personID])
        where order.kind == .quarantine && order.state == .released && order.releaseReason == "became-case"
            && order.endDate > now.civilDate
        {
            var (caseID, end) = (order.caseId, order.endDate)
            if try await !Self.needsQuarantines(order.caseId, in: transaction.cases) {
                guard
                    let sharer = try await sharer(
                        of: order, leaving: order.caseId, policy: policy, today: now.civilDate, in: transaction.cases)
                else { continue }
                (caseID, end) = sharer
            }
            guard let back = try await reinstate(order, releasedFor: "became-case", at: now, in: transaction.cases)
            else { continue }
            var details = ["reason": "result-corrected"]
            if caseID != order.caseId {
                _ = try await transaction.cases.move(orderID: back.id, toCase: caseID, endDate: end)
                details["case"] = caseID
                details["endDate"] = end.iso8601
            }
            try await transaction.append(
                AuditEvent(
                    by: .system, "order.reinstate", subject: "order:\(back.id)",
                    details: reinstatement(back, of: order, details)),
                at: now)
            latest = max(latest ?? end, end)
        }
        return latest
    }

    /// Whether the case still needs its contacts' quarantines: any case but a closed one.
    private static func needsQuarantines(_ caseID: String, in cases: any CaseTransaction) async throws -> Bool {
        guard let caseFile = try await cases.caseFile(id: caseID) else { return false }
        return caseFile.state != .closed
    }
}
