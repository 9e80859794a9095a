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
        let over = isolationIsOver(onset: onset)
        // The positive of a case opened already recovered (reported late: it never isolated and took in nothing, so
        // that positive is all it stands on), corrected to a day whose isolation is not over: that case isolates
        // from the new day, rather than a second case counting one infection twice. Only the person's latest case:
        // an older one reopened would take in the positives of the infections after it.
        if let resultID, !over,
            let founded = try await transaction.cases.cases(personID: personID).first,
            founded.resultId == resultID, founded.state == .recovered, founded.closedAt == founded.openedAt,
            var held = try await transaction.cases.caseFile(id: founded.id), held.state == .recovered
        {
            held.onset = onset
            held.state = .isolating
            held.closedAt = nil
            try await transaction.cases.update(held)
            let order = try await isolate(held, releasing: quarantines, in: transaction)
            try await transaction.append(
                AuditEvent(
                    by: principal, "case.reopen", subject: "case:\(held.id)",
                    details: ["onset": onset.iso8601, "result": resultID, "order": order.id]),
                at: now)
            return (held, false)
        }
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
        details["order"] = try await isolate(caseFile, releasing: quarantines, in: transaction).id
        try await transaction.append(
            AuditEvent(by: principal, "case.open", subject: "case:\(caseFile.id)", details: details), at: now)
        return (caseFile, true)
    }

    /// The case's isolation order from its onset, the person's `quarantines` giving way to it (`became-case`), and
    /// the message telling them.
    private func isolate(_ caseFile: Case, releasing quarantines: [Order], in transaction: any RecordTransaction)
        async throws -> Order
    {
        for quarantine in quarantines
        where try await transaction.cases.release(orderID: quarantine.id, reason: "became-case", at: now) {
            try await transaction.append(
                AuditEvent(
                    by: principal, "order.release", subject: "order:\(quarantine.id)",
                    details: ["reason": "became-case", "kind": quarantine.kind.rawValue, "case": caseFile.id]),
                at: now)
        }
        let order = Order(
            id: OpaqueID.make("ord"), personId: caseFile.personId, caseId: caseFile.id, kind: .isolation,
            startDate: caseFile.onset, endDate: policy.isolationEnd(from: caseFile.onset), state: .active,
            releasedAt: nil, releaseReason: nil, createdAt: now)
        try await transaction.cases.insert(order)
        try await transaction.tell(
            personID: caseFile.personId,
            "You must stay at home in isolation until \(order.endDate.iso8601), when it ends.", at: now)
        return order
    }

    /// Whether an isolation from `onset` would be over today: a case opened for it has recovered at once.
    func isolationIsOver(onset: CalendarDate) -> Bool {
        policy.isolationEnd(from: onset) <= now.civilDate
    }
}
