import Certificates

/// Records one lab result inside a transaction, with what it sets off: a negative gives a test certificate, a
/// positive a verification code, a case with its isolation order and (for PCR) a recovery certificate; a correction
/// first revokes the certificates the earlier version gave (one that only reports it at another time keeps them and
/// changes nothing else), and one that is no longer positive cancels its unused
/// code and closes the case no other positive rests on. A positive corrected to positive was already counted: it
/// keeps its code, used or not, and, sampled the same day, its case, open or over; sampled another day, it is judged
/// for a case again when that day's isolation would not be over yet (its own, over, may have ended too early for the
/// day it was really sampled).
struct ResultRecorder {
    let authority: CertificateAuthority
    let codeKeys: VerificationCodeKeys
    let policy: OrderPolicy
    /// Whose sample ids these are.
    let lab: String
    let principal: Principal
    let now: Timestamp
    /// The rapid antigen devices a test certificate may name: the EU list's, as this server holds it.
    let listedDevices: Set<String>

    /// Records `submission`, item `index` of its batch, with the person and any earlier version read in `lookups`.
    func record(
        _ submission: LabResultSubmission, index: Int, lookups: ResultLookups, in transaction: any RecordTransaction
    ) async throws -> LabResultOutcome {
        try submission.checkNotInFuture(now: now)
        guard let person = lookups.person(submission.nationalId) else {
            throw ServiceError(.personNotFound, "No person is registered with this nationalId.")
        }
        try submission.checkPlausible(bornOn: person.dateOfBirth)
        let status: LabResultOutcome.Status
        let result: LabResult
        var wasPositive = false
        var sampledSameDay = false
        if let existing = lookups.result(sampleID: submission.sampleId) {
            guard existing.personId == person.id, existing.test == submission.test else {
                throw ServiceError(
                    .sampleIDConflict, "This sampleId was recorded for another person or test; use a new sampleId.")
            }
            guard !existing.matches(submission) else {
                return outcome(index, submission, status: .unchanged, result: existing, certificate: nil)
            }
            try existing.checkSuperseded(by: submission)
            if existing.differsOnlyInResultTime(from: submission) {
                return try await restamp(existing, to: submission, index: index, in: transaction)
            }
            result = existing.corrected(to: submission, at: now)
            try await transaction.results.update(result, recordedBy: principal.name)
            for certificate in try await transaction.certificates.activeCertificates(resultID: result.id) {
                try await transaction.certificates.revoke(
                    certificateID: certificate.id, reason: "result-corrected", at: now)
            }
            try await transaction.certificates.resolveWaitingCertificates(resultID: result.id, at: now)
            wasPositive = existing.state == .positive
            sampledSameDay = existing.sampledAt.civilDate == result.sampledAt.civilDate
            if result.state != .positive {
                try await transaction.verificationCodes.cancelVerificationCodes(resultID: result.id, at: now)
                try await withdrawCase(restingOn: result, previous: existing, in: transaction)
            }
            try await redateCase(afterCorrecting: existing, in: transaction)
            try await redateRecoveryCertificates(from: existing, to: result, holder: person, in: transaction)
            try await reinstateQuarantines(afterCorrecting: existing, in: transaction)
            status = .corrected
        } else {
            let appointment = lookups.appointment(of: person.id, for: submission)
            result = LabResult(
                id: OpaqueID.make("res"), lab: lab, sampleId: submission.sampleId, personId: person.id,
                test: submission.test, state: submission.result, sampledAt: submission.sampledAt,
                device: submission.device, resultedAt: submission.resultedAt, appointmentId: appointment?.id,
                version: 1, createdAt: now, updatedAt: now)
            try await transaction.results.insert(result, recordedBy: principal.name)
            if let appointment { try await transaction.complete(appointmentID: appointment.id, at: now) }
            try await redateRecoveryCertificates(from: nil, to: result, holder: person, in: transaction)
            status = .created
        }
        let certificate = try await certify(result, holder: person, reissuing: status == .corrected, in: transaction)
        if result.state == .negative, result.test == .pcr {
            try await releaseQuarantines(after: result, in: transaction)
        }
        // Keys of the last 14 days are what a code lets the person publish: a positive sampled before then (reported
        // late) says nothing of them, and a code would send exposure alerts for an infection long over.
        if result.state == .positive, !wasPositive,
            ExposureVerificationService.isRecent(result.sampledAt.civilDate, at: now)
        {
            try await issueVerificationCode(for: result, in: transaction)
        }
        let opener = CaseOpener(policy: policy, principal: principal, now: now)
        let onset = result.sampledAt.civilDate
        // A positive corrected to positive was judged for a case already: again only when its new day would
        // isolate the person, or it would be a second case of one infection.
        if result.state == .positive, !(wasPositive && (sampledSameDay || opener.isolationIsOver(onset: onset))) {
            _ = try await opener.caseFor(personID: person.id, onset: onset, resultID: result.id, in: transaction)
        }
        try await audit(result, status == .created ? "result.record" : "result.correct", in: transaction)
        return outcome(index, submission, status: status, result: result, certificate: certificate)
    }

    /// Stores a new version of `existing` that only reports it at another time. No certificate carries that time, and
    /// what the result set off stands: revoking its certificates would refuse at the border the copies its holder
    /// has, each time a lab's feed sends it again.
    private func restamp(
        _ existing: LabResult, to submission: LabResultSubmission, index: Int, in transaction: any RecordTransaction
    ) async throws -> LabResultOutcome {
        let result = existing.corrected(to: submission, at: now)
        try await transaction.results.update(result, recordedBy: principal.name)
        try await audit(result, "result.correct", in: transaction)
        return outcome(index, submission, status: .corrected, result: result, certificate: nil)
    }

    /// The audit entry of a result recorded or corrected, appended last.
    private func audit(_ result: LabResult, _ action: String, in transaction: any RecordTransaction) async throws {
        try await transaction.append(
            AuditEvent(
                by: principal, action, subject: "result:\(result.id)",
                details: ["state": result.state.rawValue, "version": String(result.version)]),
            at: now)
    }

    /// The certificate the result's state gives, stored (or waiting for the holder's Latin name); nil when it
    /// gives none. `reissuing` after earlier certificates of the result (a correction, a new first positive), its
    /// card is valid from after theirs (``CertificateAuthority/cardNotBefore(at:after:)``).
    func certify(_ result: LabResult, holder: Person, reissuing: Bool, in transaction: any RecordTransaction)
        async throws -> CertificateOutcome?
    {
        let type: CertificateType
        switch (result.state, result.test) {
        case (.negative, _): type = .test
        case (.positive, .pcr): type = .recovery
        default: return nil
        }
        let firstPositive = try await transaction.firstPositive(for: type, of: result)
        let earlier = reissuing ? try await transaction.certificates.certificates(ofResult: result) : []
        let cardNotBefore = CertificateAuthority.cardNotBefore(at: now, after: earlier)
        return try await transaction.certificates.certify(
            type, for: holder, vaccinationID: nil, resultID: result.id, at: now
        ) { [firstPositive] in
            try authority.certificate(
                type, for: result, firstPositive: firstPositive, holder: holder, listedDevices: listedDevices, at: now,
                cardNotBefore: cardNotBefore)
        }
    }

    /// Closes the case that `previous`, positive, opened or joined (see ``CaseOpener``), releasing its orders (the
    /// quarantines of the contacts it named among them), now that the result is no longer positive; unless another
    /// positive still rests on the case: the one that opened it or one that joined it while it was open. The case
    /// may be open, or recovered: a recovered case standing on no positive would keep its contacts in quarantine and
    /// take in a later positive as a sample of an infection that never was; it keeps its recovery's `closedAt`. A
    /// case opened without a result is left to case workers. The person's quarantines as a contact that a case
    /// ended are back in force, if they have days left and the corrected result does not end them at once; not while
    /// another case of the person is open (closing a recovered case, one may be).
    private func withdrawCase(
        restingOn result: LabResult, previous: LabResult, in transaction: any RecordTransaction
    ) async throws {
        guard previous.state == .positive else { return }
        var caseFile: Case
        let open = try await transaction.cases.openCase(personID: result.personId)
        if let open, open.resultId == result.id || (open.resultId != nil && previous.updatedAt >= open.openedAt) {
            caseFile = open
        } else if let ended = try await transaction.infection(of: result)?.caseFile,
            // Read again, held: an operator closing it meanwhile has closed it already.
            let held = try await transaction.cases.caseFile(id: ended.id), held.state == .recovered
        {
            caseFile = held
        } else {
            return
        }
        guard try await transaction.positives(restingOn: caseFile).allSatisfy({ $0.id == result.id }) else {
            return
        }
        let wasOpen = caseFile.state.isOpen
        caseFile.state = .closed
        caseFile.closedAt = caseFile.closedAt ?? now
        try await transaction.cases.update(caseFile)
        try await endQuarantinesAnew(by: result, in: transaction)
        if wasOpen || open == nil,
            try await OrderService.reinstateQuarantines(
                of: result.personId, policy: policy, at: now, in: transaction) != nil,
            let end = try await quarantineEnd(afterReleasesBy: result, in: transaction)
        {
            try await transaction.tell(
                personID: result.personId,
                "Your positive result was corrected, so your isolation has ended; as a close contact you are still "
                    + "in quarantine until \(end.iso8601). Check in daily in the app.",
                at: now)
        }
        _ = try await OrderService.endOrders(
            ofCase: caseFile.id, reason: "result-corrected", policy: policy, at: now, in: transaction)
        try await transaction.append(
            AuditEvent(
                by: principal, "case.close", subject: "case:\(caseFile.id)",
                details: ["reason": "result-corrected", "result": result.id]),
            at: now)
    }

    /// A fresh 10-digit code, drawn again in the unlikely case it is already open for another result; stored hashed,
    /// and sealed for its owner to see until it is used.
    private func issueVerificationCode(for result: LabResult, in transaction: any RecordTransaction) async throws {
        for _ in 0..<8 {
            let code = ExposureVerificationCode(
                code: OpaqueID.digits(ExposureVerificationCode.digitCount), resultId: result.id, createdAt: now,
                expiresAt: now.adding(seconds: ExposureVerificationCode.lifetimeSeconds))
            let hash = codeKeys.hash(code.code)
            if try await transaction.verificationCodes.insert(
                code, hash: hash, sealed: try codeKeys.seal(code.code, hash: hash))
            {
                return
            }
        }
        throw StoreError("could not draw a free verification code")
    }

    private func outcome(
        _ index: Int, _ submission: LabResultSubmission, status: LabResultOutcome.Status, result: LabResult,
        certificate: CertificateOutcome?
    ) -> LabResultOutcome {
        LabResultOutcome(
            index: index, sampleId: submission.sampleId, status: status, resultId: result.id,
            certificateId: certificate?.issued?.id, certificateWaiting: certificate?.waiting?.reason, error: nil)
    }
}
