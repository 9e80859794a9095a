import Certificates

extension RecordTransaction {
    /// The person's positive results a case rests on: the one that opened it, and those that joined it while it
    /// was open (recorded or corrected to positive since, see ``CaseOpener``). A result already positive before the
    /// case opened belongs to an earlier infection, though a later change (its `resultedAt`, say) touched it. None
    /// for a case opened without a result.
    func positives(restingOn caseFile: Case) async throws -> [LabResult] {
        guard let founding = caseFile.resultId else { return [] }
        let touched = try await results.labResults(ofPeople: [caseFile.personId]).filter {
            $0.state == .positive && ($0.id == founding || $0.updatedAt >= caseFile.openedAt)
        }
        let before = try await results.states(
            resultIDs: touched.map(\.id).filter { $0 != founding }, before: caseFile.openedAt)
        return touched.filter { $0.id == founding || before[$0.id] != .positive }
    }

    /// The day a certificate of `type` for `result` counts from: for a recovery certificate, the infection's first
    /// positive PCR sample (``firstPositiveSample(of:)``); for a test certificate, the result's own sample day.
    func firstPositive(for type: CertificateType, of result: LabResult) async throws -> CalendarDate {
        type == .recovery ? try await firstPositiveSample(of: result) : result.sampledAt.civilDate
    }

    /// The day the infection of `result`, a positive PCR, was first sampled positive by PCR: a positive that joins
    /// an open case is the same infection, so the earliest PCR positive the case rests on; else its own sample day.
    func firstPositiveSample(of result: LabResult) async throws -> CalendarDate {
        var first = result.sampledAt.civilDate
        guard let open = try await cases.openCase(personID: result.personId) else { return first }
        for other in try await positives(restingOn: open) where other.test == .pcr {
            first = min(first, other.sampledAt.civilDate)
        }
        return first
    }
}
