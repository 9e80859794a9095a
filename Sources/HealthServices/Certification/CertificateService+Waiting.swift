extension CertificateService {
    /// The certificates of the people the principal may see that wait for a Latin name, newest first.
    public func waitingCertificates(for principal: Principal, personID: String?) async throws -> [WaitingCertificate] {
        try await store.read { transaction in
            try await transaction.certificates.waitingCertificates(
                ofPeople: try transaction.visiblePeople(to: principal, personID: personID))
        }
    }
}
