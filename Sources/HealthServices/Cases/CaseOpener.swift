/// Opens a case for a positive result, or for a case confirmed elsewhere, with its isolation order, inside the
/// caller's transaction; a person with an open case has that case instead (a second positive joins it). A positive
/// whose isolation would already be over (a sample reported late) opens a case that has recovered: no order, no
/// message telling the person to stay at home until a day gone by; one sampled during a case the person has recovered
/// from belongs to it.
struct CaseOpener {
    let policy: OrderPolicy
    let principal: Principal
    let now: Timestamp

    /// The case the person's positive belongs to, and whether it was opened now.
    func caseFor(personID: String, onset: CalendarDate, resultID: String?, in transaction: any RecordTransaction)
        async throws -> (caseFile: Case, opened: Bool)
    {
        if let open = try await transaction.cases.openCase(personID: personID) { return (open, false) }
        // A positive sampled during an infection the person has recovered from, reported late, is that infection's
        // (not the one it opened itself, now redated).
        if let resultID,
            let recovered = try await transaction.cases.cases(personID: personID).first(where: {
                $0.resultId != resultID && $0.tookInLateSample(on: onset)
            })
        {
            return (recovered, false)
        }
        // A contact under quarantine who tests positive: the quarantine gives way to isolation, the cases linked.
        let quarantines = try await transaction.cases.orders(ofPeople: [personID]).filter {
            $0.kind == .quarantine && $0.state == .active
        }
        let isolationEnd = CalendarDate(daysSinceEpoch: onset.daysSinceEpoch + Int64(policy.isolationDays))
        let over = isolationIsOver(onset: onset)
        let caseFile = Case(
            id: OpaqueID.make("case"), personId: personID, onset: onset, state: over ? .recovered : .isolating,
            assignedTo: nil, openedAt: now, closedAt: over ? now : nil, resultId: resultID,
            linkedCaseId: quarantines.first?.caseId)
        try await transaction.cases.insert(caseFile)
        var details = ["onset": onset.iso8601]
        if let resultID { details["result"] = resultID }
        if let linked = caseFile.linkedCaseId { details["linkedCase"] = linked }
        guard !over else {
            try await transaction.append(
                AuditEvent(by: principal, "case.open", subject: "case:\(caseFile.id)", details: details), at: now)
            return (caseFile, true)
        }
        for quarantine in quarantines {
            _ = try await transaction.cases.release(orderID: quarantine.id, reason: "became-case", at: now)
        }
        let order = Order(
            id: OpaqueID.make("ord"), personId: personID, caseId: caseFile.id, kind: .isolation, startDate: onset,
            endDate: isolationEnd, state: .active, releasedAt: nil, releaseReason: nil, createdAt: now)
        try await transaction.cases.insert(order)
        details["order"] = order.id
        try await transaction.tell(
            personID: personID, "You must stay at home in isolation until \(order.endDate.iso8601), when it ends.",
            at: now)
        try await transaction.append(
            AuditEvent(by: principal, "case.open", subject: "case:\(caseFile.id)", details: details), at: now)
        return (caseFile, true)
    }

    /// Whether an isolation from `onset` would be over today: a case opened for it has recovered at once.
    func isolationIsOver(onset: CalendarDate) -> Bool {
        onset.daysSinceEpoch + Int64(policy.isolationDays) <= now.civilDate.daysSinceEpoch
    }
}
