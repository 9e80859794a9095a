import Certificates

extension CertificateService {
    /// The certificates of the people the principal may see that wait (for a Latin name, a rapid antigen test's
    /// device or a document signer), newest first. A test certificate whose 72 hours, or a recovery certificate whose 180 days, passed while
    /// it waited is left out: nothing can issue it any more.
    public func waitingCertificates(for principal: Principal, personID: String?) async throws -> [WaitingCertificate] {
        let now = clock.now()
        return try await store.read { transaction in
            let people = try await transaction.visiblePeople(to: principal, personID: personID)
            let waiting = try await transaction.certificates.waitingCertificates(ofPeople: people)
            guard waiting.contains(where: { $0.resultId != nil }) else { return waiting }
            var results: [String: LabResult] = [:]
            for result in try await transaction.results.labResults(ofPeople: people) { results[result.id] = result }
            var issuable: [WaitingCertificate] = []
            for wait in waiting {
                guard let resultID = wait.resultId, let result = results[resultID] else {
                    issuable.append(wait)
                    continue
                }
                let expiry =
                    wait.type == .recovery
                    ? CertificateAuthority.recoveryCertificateExpiry(
                        firstPositive: try await transaction.firstPositiveSample(of: result))
                    : CertificateAuthority.testCertificateExpiry(sampledAt: result.sampledAt)
                if expiry > now { issuable.append(wait) }
            }
            return issuable
        }
    }
}
