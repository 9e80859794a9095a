import Certificates

extension CertificateService {
    /// How many waiting certificates one pass reads at a time; their holders' issuing is one transaction.
    static let signerWaitBatch = 100

    /// Issues the certificates that waited for a document signer (``WaitingCertificate/needsSigner``) once one can
    /// sign them: `healthctl serve` runs it at start and every minute, so what was recorded while the DSC had expired
    /// or was withdrawn is issued within a minute or so of a rotation. Each is audited (`certificate.issue-waiting`) in
    /// the transaction that issues it. One that must wait for something else first (a Latin name) waits for that
    /// now; one still beyond the DSC signing now (a recovery valid from after it expires) keeps waiting, and is not
    /// tried again under that DSC (``SignerWaitMemo``), nor is one whose certificate could not be built
    /// (`certificate-not-issuable`: a payload its record no longer gives, or a signing failure), which keeps waiting
    /// for the next DSC rather than stop every other from being issued. Answers how many were issued;
    /// `signer-needed` while no DSC can sign.
    public func issueCertificatesWaitingForSigner() async throws -> Int {
        let now = clock.now()
        guard let signer = authority.issuer(at: now)?.keyID else {
            // The job's log line every minute is the operators' alarm, beside the runbook's DSC expiry check.
            throw ServiceError(
                .signerNeeded, "No document signer can sign now: certificates wait until `healthctl keys rotate`.")
        }
        var issued = 0
        var after = ""
        while true {
            let page = try await signerWaits(after: after)
            let untried = signerWaitMemo.untried(page, by: signer)
            if !untried.isEmpty {
                // The device list is read only for a page with work: it is held in memory until the lists change.
                let certifier = RecordCertifier(
                    authority: authority, listedDevices: try await borderLists.listedTestDevices())
                let pass = try await issue(waitingFor: Set(untried.map(\.personId)), with: certifier, at: now)
                issued += pass.issued
                signerWaitMemo.remember(pass.stillWaiting, by: signer)
            }
            guard let last = page.last, page.count == Self.signerWaitBatch else { return issued }
            after = last.personId
        }
    }

    /// The next waits for a signer, of people whose ids sort after `personID`.
    private func signerWaits(after personID: String) async throws -> [WaitingCertificate] {
        try await store.read { transaction in
            try await transaction.certificates.waitingCertificates(
                reason: WaitingCertificate.needsSigner, after: personID, limit: Self.signerWaitBatch)
        }
    }

    /// Issues what waits for a signer of `personIDs`, in one transaction: the people are held first, then their
    /// waits read again, so a wait another server (or a correction) ended meanwhile is not issued twice. Answers how
    /// many were issued and the ids of those still waiting for a signer.
    private func issue(
        waitingFor personIDs: Set<String>, with certifier: RecordCertifier, at now: Timestamp
    ) async throws -> (issued: Int, stillWaiting: [String]) {
        try await store.write { transaction in
            var people: [Person] = []
            for id in personIDs.sorted() {
                if let person = try await transaction.person(id: id) { people.append(person) }
            }
            try await transaction.holdPeople(nationalIDs: people.compactMap { NationalID($0.nationalId) })
            var issued = 0
            var stillWaiting: [String] = []
            for person in people {
                guard let holder = try await transaction.person(id: person.id) else { continue }
                for waiting in try await transaction.certificates.waitingCertificates(ofPeople: [holder.id])
                where waiting.reason == WaitingCertificate.needsSigner {
                    let outcome: CertificateOutcome?
                    do {
                        outcome = try await certifier.issue(waiting, holder: holder, in: transaction, at: now)
                    } catch let error as ServiceError where error.code == .certificateNotIssuable {
                        // Built nothing, wrote nothing: it waits on, and every other wait is still issued.
                        stillWaiting.append(waiting.id)
                        continue
                    }
                    switch outcome {
                    case .issued(let certificate):
                        issued += 1
                        try await transaction.append(
                            AuditEvent(
                                by: .system, "certificate.issue-waiting", subject: "certificate:\(certificate.id)",
                                details: ["waiting-certificate": waiting.id, "reason": waiting.reason]),
                            at: now)
                    case .waiting(let still) where still.reason == WaitingCertificate.needsSigner:
                        stillWaiting.append(still.id)
                    case .waiting, nil: continue
                    }
                }
            }
            return (issued, stillWaiting)
        }
    }
}
