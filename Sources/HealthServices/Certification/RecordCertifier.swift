import Certificates

/// Builds the certificate a stored record gives (a dose, or a lab result) when it is issued after the record was
/// written: when a certificate that waited gets what it waited for, or one is issued again with corrected names.
/// Held to what a lab upload or a dose's recording checks: the device a test names is on the EU list.
struct RecordCertifier: Sendable {
    let authority: CertificateAuthority
    /// The rapid antigen devices the EU list held here names (see ``BorderListService/listedTestDevices()``).
    let listedDevices: Set<String>

    /// The certificate of `type` the record gives `holder` now, its card valid from after the record's earlier cards;
    /// nil when it no longer gives one (a record gone, a test certificate past its 72 hours, a recovery certificate
    /// past its 180 days). Throws the reason to wait when it cannot be issued yet (``WaitingCertificate``).
    func certificate(
        _ type: CertificateType, vaccinationID: String?, resultID: String?, holder: Person,
        in transaction: any RecordTransaction, at now: Timestamp
    ) async throws -> IssuedCertificate? {
        if let vaccinationID {
            let doses = try await transaction.vaccinations.vaccinations(ofPeople: [holder.id])
            guard let vaccination = doses.first(where: { $0.id == vaccinationID }),
                let product = try await transaction.careService(id: vaccination.service)
            else { return nil }
            let earlier = try await transaction.certificates.certificates(ofVaccination: vaccination)
            return try authority.vaccinationCertificate(
                for: vaccination, product: product, holder: holder, at: now,
                cardNotBefore: CertificateAuthority.cardNotBefore(at: now, after: earlier))
        }
        guard let resultID, let result = try await transaction.results.labResult(id: resultID) else { return nil }
        let firstPositive = try await transaction.firstPositive(for: type, of: result)
        let earlier = try await transaction.certificates.certificates(ofResult: result)
        return try authority.certificate(
            type, for: result, firstPositive: firstPositive, holder: holder, listedDevices: listedDevices, at: now,
            cardNotBefore: CertificateAuthority.cardNotBefore(at: now, after: earlier))
    }

    /// Issues what `waiting` waits for, with `holder`'s names, and ends the wait: `.issued`, or nil when there is
    /// nothing left to certify. When it must wait still, `.waiting`: the same wait for the same reason, or, for
    /// another reason (a Latin name came, but the device is off the list), a new wait for that reason in its place.
    func issue(
        _ waiting: WaitingCertificate, holder: Person, in transaction: any RecordTransaction, at now: Timestamp
    ) async throws -> CertificateOutcome? {
        let issued: IssuedCertificate?
        do {
            issued = try await certificate(
                waiting.type, vaccinationID: waiting.vaccinationId, resultID: waiting.resultId, holder: holder,
                in: transaction, at: now)
        } catch let error as ServiceError where WaitingCertificate.reasons.contains(error.code.rawValue) {
            guard error.code.rawValue != waiting.reason else { return .waiting(waiting) }
            try await transaction.certificates.resolveWaitingCertificate(id: waiting.id, certificateID: nil, at: now)
            let next = WaitingCertificate(
                personId: waiting.personId, type: waiting.type, vaccinationId: waiting.vaccinationId,
                resultId: waiting.resultId, reason: error.code.rawValue, createdAt: now)
            try await transaction.certificates.insert(next)
            return .waiting(next)
        }
        if let issued { try await transaction.certificates.insert(issued) }
        try await transaction.certificates.resolveWaitingCertificate(id: waiting.id, certificateID: issued?.id, at: now)
        return issued.map { .issued($0) }
    }
}
