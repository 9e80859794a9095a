import Certificates

extension RecordTransaction {
    /// The person's positive results a case rests on: the one that opened it, and those that joined it while it
    /// was open (recorded or corrected to positive since, see ``CaseOpener``) or, positive only after it recovered,
    /// were sampled during it (``Case/tookInLateSample(on:)``). A result already positive before the case opened
    /// belongs to an earlier infection, though a later change (its `resultedAt`, say) touched it; one that was not
    /// positive yet when an ended case ended, to a later one. None for a case opened without a result.
    func positives(restingOn caseFile: Case) async throws -> [LabResult] {
        guard let founding = caseFile.resultId else { return [] }
        let touched = try await results.labResults(ofPeople: [caseFile.personId]).filter {
            $0.state == .positive && ($0.id == founding || $0.updatedAt >= caseFile.openedAt)
        }
        let others = touched.map(\.id).filter { $0 != founding }
        let before = try await results.states(resultIDs: others, before: caseFile.openedAt)
        var atEnd: [String: LabResult.State] = [:]
        if let closedAt = caseFile.closedAt {
            atEnd = try await results.states(resultIDs: others, before: closedAt)
        }
        return touched.filter {
            $0.id == founding
                || (before[$0.id] != .positive
                    && (caseFile.closedAt == nil || Self.restsOnEnded(caseFile, $0, stateAtEnd: atEnd[$0.id])))
        }
    }

    /// Whether `result`, not positive before the ended case opened, rests on it: positive when it ended, or positive
    /// only since (reported or corrected late) and sampled during it, as ``CaseOpener`` judges it.
    private static func restsOnEnded(_ caseFile: Case, _ result: LabResult, stateAtEnd: LabResult.State?) -> Bool {
        stateAtEnd == .positive || caseFile.tookInLateSample(on: result.sampledAt.civilDate)
    }

    /// The case `result` belongs to, with the positives it rests on (read once): the person's open case when the
    /// result rests on it (a positive recorded now joins it), else the latest ended case that rested on it when it
    /// ended, though the result was corrected since, or that took it in as a late report; nil when none did.
    func infection(of result: LabResult) async throws -> (caseFile: Case, positives: [LabResult])? {
        if let open = try await cases.openCase(personID: result.personId) {
            let positives = try await positives(restingOn: open)
            if positives.contains(where: { $0.id == result.id }) { return (open, positives) }
        }
        for ended in try await cases.cases(personID: result.personId) where !ended.state.isOpen {
            guard let founding = ended.resultId, let closedAt = ended.closedAt else { continue }
            if founding != result.id {
                let before = try await results.states(resultIDs: [result.id], before: ended.openedAt)
                let atEnd = try await results.states(resultIDs: [result.id], before: closedAt)
                guard before[result.id] != .positive, Self.restsOnEnded(ended, result, stateAtEnd: atEnd[result.id])
                else { continue }
            }
            return (ended, try await positives(restingOn: ended))
        }
        return nil
    }

    /// The day a certificate of `type` for `result` counts from: for a recovery certificate, the infection's first
    /// positive PCR sample (``firstPositiveSample(of:)``); for a test certificate, the result's own sample day.
    func firstPositive(for type: CertificateType, of result: LabResult) async throws -> CalendarDate {
        type == .recovery ? try await firstPositiveSample(of: result) : result.sampledAt.civilDate
    }

    /// The day the infection of `result`, a positive PCR, was first sampled positive by PCR: the positives of its
    /// case (``infection(of:)``, open or ended) are one infection, so the earliest PCR positive the case rests on;
    /// else its own sample day.
    func firstPositiveSample(of result: LabResult) async throws -> CalendarDate {
        var first = result.sampledAt.civilDate
        guard let infection = try await infection(of: result) else { return first }
        for other in infection.positives where other.test == .pcr {
            first = min(first, other.sampledAt.civilDate)
        }
        return first
    }
}
