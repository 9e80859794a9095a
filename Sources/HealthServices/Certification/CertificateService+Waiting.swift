import Certificates

extension CertificateService {
    /// The certificates of the people the principal may see that wait (for a Latin name, or a rapid antigen test's
    /// device), newest first. A test certificate whose 72 hours passed while it waited is left out: nothing can
    /// issue it any more.
    public func waitingCertificates(for principal: Principal, personID: String?) async throws -> [WaitingCertificate] {
        let now = clock.now()
        return try await store.read { transaction in
            let people = try await transaction.visiblePeople(to: principal, personID: personID)
            let waiting = try await transaction.certificates.waitingCertificates(ofPeople: people)
            guard waiting.contains(where: { $0.type == .test }) else { return waiting }
            var sampledAt: [String: Timestamp] = [:]
            for result in try await transaction.results.labResults(ofPeople: people) {
                sampledAt[result.id] = result.sampledAt
            }
            return waiting.filter { wait in
                guard wait.type == .test, let resultID = wait.resultId, let sampled = sampledAt[resultID] else {
                    return true
                }
                return CertificateAuthority.testCertificateExpiry(sampledAt: sampled) > now
            }
        }
    }
}
