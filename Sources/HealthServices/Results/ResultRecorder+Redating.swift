/// A correction of the positive a case's onset, its isolation order and its recovery certificates are dated from
/// (see ``RecordTransaction/firstPositiveSample(of:)``).
extension ResultRecorder {
    /// Issues again the recovery certificates of the other PCR positives the result's case rests on (the case it
    /// is part of, open or ended, else the person's open case) when `result`, new (`previous` nil) or corrected
    /// from `previous`, moved the case's first positive sample (a positive sampled earlier joined, the first one
    /// was withdrawn, or sampled on another day): theirs named the old day as `fr` and counted their 11 to 180 days
    /// from it.
    func redateRecoveryCertificates(
        from previous: LabResult?, to result: LabResult, holder: Person, in transaction: any RecordTransaction
    ) async throws {
        guard previous?.state == .positive || result.state == .positive else { return }
        let positives: [LabResult]
        if let infection = try await transaction.infection(of: result) {
            positives = infection.positives
        } else if let open = try await transaction.cases.openCase(personID: result.personId) {
            positives = try await transaction.positives(restingOn: open)
        } else {
            return
        }
        let others = positives.filter { $0.id != result.id && $0.test == .pcr }
        func firstSample(with version: LabResult?) -> CalendarDate? {
            let own = version.map { $0.state == .positive && $0.test == .pcr ? [$0.sampledAt.civilDate] : [] } ?? []
            return (own + others.map(\.sampledAt.civilDate)).min()
        }
        guard firstSample(with: previous) != firstSample(with: result) else { return }
        for other in others {
            let active = try await transaction.certificates.activeCertificates(resultID: other.id)
            guard !active.isEmpty else { continue }
            for certificate in active {
                try await transaction.certificates.revoke(
                    certificateID: certificate.id, reason: "first-positive-corrected", at: now)
            }
            _ = try await certify(other, holder: holder, reissuing: true, in: transaction)
        }
    }

    /// Moves the onset of the person's open case to the earliest positive it still rests on when the correction of
    /// `previous` withdrew the sample the onset came from (to another result, or to a later day), and the end of its
    /// isolation order with it: counted from the withdrawn day, the isolation would end before the infection's is
    /// over. An onset an operator gave, or one that would move earlier, stays (an order is never shortened here).
    func redateCase(afterCorrecting previous: LabResult, in transaction: any RecordTransaction) async throws {
        guard previous.state == .positive,
            var caseFile = try await transaction.cases.openCase(personID: previous.personId), caseFile.resultId != nil,
            let onset = try await transaction.positives(restingOn: caseFile).map(\.sampledAt.civilDate).min(),
            onset > caseFile.onset
        else { return }
        caseFile.onset = onset
        try await transaction.cases.update(caseFile)
        var details = ["onset": onset.iso8601, "result": previous.id]
        let end = policy.isolationEnd(from: onset)
        for order in try await transaction.cases.orders(ofPeople: [caseFile.personId])
        where order.caseId == caseFile.id && order.kind == .isolation && order.state == .active && order.endDate < end {
            guard try await transaction.cases.move(orderID: order.id, toCase: caseFile.id, endDate: end) else {
                continue
            }
            details["order"] = order.id
            details["endDate"] = end.iso8601
            try await transaction.tell(
                personID: caseFile.personId,
                "A positive result of yours was corrected, so your isolation now ends on \(end.iso8601), counted from "
                    + "your first positive test that stands. Keep checking in daily in the app.",
                at: now)
        }
        try await transaction.append(
            AuditEvent(by: principal, "case.redate", subject: "case:\(caseFile.id)", details: details), at: now)
    }
}
