import Certificates

extension CertificateService {
    /// How many waiting certificates one pass reads at a time; their holders' issuing is one transaction.
    static let signerWaitBatch = 100

    /// Issues the certificates that waited for a document signer (``WaitingCertificate/needsSigner``) once one can
    /// sign them: `healthctl serve` runs it at start and every minute, so what was recorded while the DSC had expired
    /// or was withdrawn is issued within a minute or so of a rotation. Each is audited (`certificate.issue-waiting`) in
    /// the transaction that issues it. One that must wait for something else first (a Latin name) waits for that
    /// now; one still beyond every DSC (a recovery valid from after the current one expires) keeps waiting. Answers
    /// how many were issued; `signer-needed` while no DSC can sign.
    public func issueCertificatesWaitingForSigner() async throws -> Int {
        let now = clock.now()
        guard authority.issuer(at: now) != nil else {
            // The job's log line every minute is the operators' alarm, beside the runbook's DSC expiry check.
            throw ServiceError(
                .signerNeeded, "No document signer can sign now: certificates wait until `healthctl keys rotate`.")
        }
        var candidates = try await signerWaits(after: "")
        guard !candidates.isEmpty else { return 0 }
        let certifier = RecordCertifier(authority: authority, listedDevices: try await borderLists.listedTestDevices())
        var issued = 0
        while let last = candidates.last {
            issued += try await issue(waitingFor: Set(candidates.map(\.personId)), with: certifier, at: now)
            guard candidates.count == Self.signerWaitBatch else { break }
            candidates = try await signerWaits(after: last.personId)
        }
        return issued
    }

    /// The next waits for a signer, of people whose ids sort after `personID`.
    private func signerWaits(after personID: String) async throws -> [WaitingCertificate] {
        try await store.read { transaction in
            try await transaction.certificates.waitingCertificates(
                reason: WaitingCertificate.needsSigner, after: personID, limit: Self.signerWaitBatch)
        }
    }

    /// Issues what waits for a signer of `personIDs`, in one transaction: the people are held first, then their
    /// waits read again, so a wait another server (or a correction) ended meanwhile is not issued twice.
    private func issue(
        waitingFor personIDs: Set<String>, with certifier: RecordCertifier, at now: Timestamp
    ) async throws -> Int {
        try await store.write { transaction in
            var people: [Person] = []
            for id in personIDs.sorted() {
                if let person = try await transaction.person(id: id) { people.append(person) }
            }
            try await transaction.holdPeople(nationalIDs: people.compactMap { NationalID($0.nationalId) })
            var issued = 0
            for person in people {
                guard let holder = try await transaction.person(id: person.id) else { continue }
                for waiting in try await transaction.certificates.waitingCertificates(ofPeople: [holder.id])
                where waiting.reason == WaitingCertificate.needsSigner {
                    guard
                        case .issued(let certificate) = try await certifier.issue(
                            waiting, holder: holder, in: transaction, at: now)
                    else { continue }
                    try await transaction.append(
                        AuditEvent(
                            by: .system, "certificate.issue-waiting", subject: "certificate:\(certificate.id)",
                            details: ["waiting-certificate": waiting.id, "reason": waiting.reason]),
                        at: now)
                    issued += 1
                }
            }
            return issued
        }
    }
}
