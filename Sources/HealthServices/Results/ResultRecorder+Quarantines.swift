import Certificates

/// The early release of a contact's quarantine by a negative PCR, and its undoing when that negative is corrected.
extension ResultRecorder {
    /// The early release rule: a negative PCR sampled on a quarantine's test day (``testDay(of:in:)``) or later ends
    /// it.
    func releaseQuarantines(after result: LabResult, in transaction: any RecordTransaction) async throws {
        let sampled = result.sampledAt.civilDate
        for order in try await transaction.cases.orders(ofPeople: [result.personId])
        where order.kind == .quarantine && order.state == .active {
            guard sampled >= (try await testDay(of: order, in: transaction)) else { continue }
            _ = try await OrderService.release(order, reason: "negative-test", at: now, in: transaction)
        }
    }

    /// The person's quarantines that gave way to a case on an earlier day which `result`, a negative PCR now, ends
    /// early: they stay ended, now for that negative (`negative-test`, released when they were), rather than come
    /// back as a new order (see ``OrderService/reinstate(_:releasedFor:at:in:)``) the person never was under; so that
    /// a later correction of that negative puts them back, as it would any quarantine a negative ended. One released
    /// today is put back in place and ended again, as `negative-test`.
    func endQuarantinesAnew(by result: LabResult, in transaction: any RecordTransaction) async throws {
        guard result.state == .negative, result.test == .pcr else { return }
        for order in try await transaction.cases.orders(ofPeople: [result.personId])
        where order.kind == .quarantine && order.state == .released && order.releaseReason == "became-case"
            && (order.releasedAt?.civilDate ?? now.civilDate) < now.civilDate
        {
            guard result.sampledAt.civilDate >= (try await testDay(of: order, in: transaction)),
                try await transaction.cases.changeReleaseReason(
                    orderID: order.id, from: "became-case", to: "negative-test")
            else { continue }
            try await transaction.append(
                AuditEvent(
                    by: .system, "order.release", subject: "order:\(order.id)",
                    details: ["reason": "negative-test", "kind": order.kind.rawValue, "result": result.id]),
                at: now)
        }
    }

    /// The first day a negative PCR sample ends `order` early: the policy's test day after the last exposure, its
    /// contacts' latest (a case naming the person again later lengthens the quarantine it shares, whose start stays
    /// the first exposure's; a quarantine put back in force continues from the day it was, its contacts moved to it).
    func testDay(of order: Order, in transaction: any RecordTransaction) async throws -> CalendarDate {
        let contacts = try await transaction.cases.contacts(orderID: order.id)
        let lastExposure = contacts.map(\.lastContact).max() ?? order.startDate
        return CalendarDate(daysSinceEpoch: lastExposure.daysSinceEpoch + Int64(policy.quarantineTestDay))
    }

    /// Puts back in force, while they have days left, the person's quarantines a negative PCR ended early once no
    /// negative PCR of theirs still ends them (`previous`, negative, was corrected: withdrawn, redated before the
    /// test day, or another test), unless the person is a case now or the case that named them is closed. The person
    /// is told (a positive correction then makes them a case, which ends it again and tells them to isolate).
    func reinstateQuarantines(afterCorrecting previous: LabResult, in transaction: any RecordTransaction)
        async throws
    {
        guard previous.state == .negative, previous.test == .pcr,
            try await transaction.cases.openCase(personID: previous.personId) == nil
        else { return }
        let negatives = try await transaction.results.labResults(ofPeople: [previous.personId])
            .filter { $0.state == .negative && $0.test == .pcr }.map(\.sampledAt.civilDate)
        for order in try await transaction.cases.orders(ofPeople: [previous.personId])
        where order.kind == .quarantine && order.state == .released && order.releaseReason == "negative-test"
            && order.endDate > now.civilDate
        {
            let testDay = try await testDay(of: order, in: transaction)
            guard !negatives.contains(where: { $0 >= testDay }),
                try await transaction.cases.caseFile(id: order.caseId)?.state != .closed,
                let back = try await OrderService.reinstate(
                    order, releasedFor: "negative-test", at: now, in: transaction.cases)
            else { continue }
            try await transaction.append(
                AuditEvent(
                    by: .system, "order.reinstate", subject: "order:\(back.id)",
                    details: OrderService.reinstatement(
                        back, of: order, ["reason": "result-corrected", "result": previous.id])),
                at: now)
            try await transaction.tell(
                personID: previous.personId,
                "The negative test that ended your quarantine was corrected: you are in quarantine again until "
                    + "\(order.endDate.iso8601). Check in daily in the app.",
                at: now)
        }
    }

    /// When the person's quarantine in force ends, once `result` has ended those it ends early (a negative PCR on
    /// a quarantine's test day, such as the very test whose positive was withdrawn); nil when none is left.
    func quarantineEnd(afterReleasesBy result: LabResult, in transaction: any RecordTransaction) async throws
        -> CalendarDate?
    {
        if result.state == .negative, result.test == .pcr {
            try await releaseQuarantines(after: result, in: transaction)
        }
        return try await transaction.cases.orders(ofPeople: [result.personId])
            .filter { $0.kind == .quarantine && $0.state == .active }.map(\.endDate).max()
    }
}
