/// A correction of the positive a case's recovery certificates are dated from (see
/// ``RecordTransaction/firstPositiveSample(of:)``).
extension ResultRecorder {
    /// Issues again the recovery certificates of the other PCR positives the person's open case rests on when the
    /// correction of `previous` to `result` moved the case's first positive sample (the first positive withdrawn, or
    /// sampled on another day): theirs named the old day as `fr` and counted their 11 to 180 days from it.
    func redateRecoveryCertificates(
        afterCorrecting previous: LabResult, to result: LabResult, holder: Person,
        in transaction: any RecordTransaction
    ) async throws {
        guard previous.state == .positive || result.state == .positive,
            let open = try await transaction.cases.openCase(personID: result.personId)
        else { return }
        let others = try await transaction.positives(restingOn: open).filter { $0.id != result.id && $0.test == .pcr }
        func firstSample(with corrected: LabResult) -> CalendarDate? {
            let own = corrected.state == .positive && corrected.test == .pcr ? [corrected.sampledAt.date] : []
            return (own + others.map(\.sampledAt.date)).min()
        }
        guard firstSample(with: previous) != firstSample(with: result) else { return }
        for other in others {
            let active = try await transaction.certificates.activeCertificates(resultID: other.id)
            guard !active.isEmpty else { continue }
            for certificate in active {
                try await transaction.certificates.revoke(
                    certificateID: certificate.id, reason: "first-positive-corrected", at: now)
            }
            _ = try await certify(other, holder: holder, in: transaction)
        }
    }
}
