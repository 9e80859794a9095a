import Certificates

/// Operators record the Latin forms of a person's name from the population register, as printed in the
/// passport; the certificates that waited for them are issued in the same transaction as the change and its
/// audit entry, and those already issued with other Latin forms are issued again with these.
public struct PassportNameService: Sendable {
    let store: any RecordStore
    let authority: CertificateAuthority
    let clock: WallClock

    public init(store: any RecordStore, authority: CertificateAuthority, clock: WallClock) {
        self.store = store
        self.authority = authority
        self.clock = clock
    }

    /// The person as changed, the certificates issued now, and those still waiting (a name part with neither a
    /// table nor a Latin form).
    public struct Update: Sendable {
        public let person: Person
        public let issued: [IssuedCertificate]
        public let stillWaiting: [WaitingCertificate]
    }

    /// Sets the Latin forms given (a nil form stays as it was) and issues the certificates waiting for them. A
    /// person's valid certificates issued with other Latin forms (a typo corrected, or forms the ICAO tables gave
    /// before the register's) are issued again with these and revoked (`name-corrected`): border staff compare the
    /// forms with the passport's.
    public func setLatinName(
        nationalId: String, familyNameLatin: String?, givenNameLatin: String?, by principal: Principal
    ) async throws -> Update {
        let nationalID = try NationalID.checked(nationalId)
        guard familyNameLatin != nil || givenNameLatin != nil else {
            throw ServiceError(.missingField, "Give familyNameLatin, givenNameLatin or both.")
        }
        let now = clock.now()
        return try await store.write { transaction in
            // Held before it is read: a form left nil keeps the stored one, which another update may be writing.
            try await transaction.holdPeople(nationalIDs: [nationalID])
            guard let person = try await transaction.person(nationalID: nationalID) else {
                throw ServiceError(.personNotFound, "No person is registered with this nationalId.")
            }
            let name = try person.personName.withLatin(familyName: familyNameLatin, givenName: givenNameLatin)
            try await transaction.certificates.setLatinName(
                personID: person.id, familyName: name.familyNameLatin, givenName: name.givenNameLatin)
            let holder = Person(
                id: person.id, nationalId: person.nationalId, dateOfBirth: person.dateOfBirth, name: name,
                phone: person.phone, guardianId: person.guardianId, createdAt: person.createdAt)
            var issued: [IssuedCertificate] = []
            var stillWaiting: [WaitingCertificate] = []
            for waiting in try await transaction.certificates.waitingCertificates(ofPeople: [person.id])
            where waiting.reason == WaitingCertificate.needsLatinName {
                do {
                    let certificate = try await certificate(
                        waiting.type, vaccinationID: waiting.vaccinationId, resultID: waiting.resultId, holder: holder,
                        in: transaction, at: now)
                    if let certificate {
                        try await transaction.certificates.insert(certificate)
                        issued.append(certificate)
                    }
                    try await transaction.certificates.resolveWaitingCertificate(
                        id: waiting.id, certificateID: certificate?.id, at: now)
                } catch let error as ServiceError where error.code == .nameNeedsLatinForm {
                    stillWaiting.append(waiting)
                } catch let error as ServiceError where error.code == .deviceNeeded {
                    // A rapid antigen negative that began waiting for the name before results named their device:
                    // it waits for the lab's device now.
                    try await transaction.certificates.resolveWaitingCertificate(
                        id: waiting.id, certificateID: nil, at: now)
                    let forDevice = WaitingCertificate(
                        personId: waiting.personId, type: waiting.type, vaccinationId: nil, resultId: waiting.resultId,
                        reason: WaitingCertificate.needsDevice, createdAt: now)
                    try await transaction.certificates.insert(forDevice)
                    stillWaiting.append(forDevice)
                }
            }
            if CertificateAuthority.holder(person) != CertificateAuthority.holder(holder) {
                issued += try await reissue(issued: issued, holder: holder, in: transaction, at: now)
            }
            let fields = [("familyNameLatin", familyNameLatin), ("givenNameLatin", givenNameLatin)]
                .filter { $0.1 != nil }.map(\.0)
            try await transaction.append(
                AuditEvent(
                    by: principal, "person.set-latin-name", subject: "person:\(person.id)",
                    details: [
                        "fields": fields.joined(separator: ","), "issued": issued.map(\.id).joined(separator: ","),
                    ]),
                at: now)
            return Update(person: holder, issued: issued, stillWaiting: stillWaiting)
        }
    }

    /// Issues again, with `holder`'s names, each valid certificate of theirs not among `issued`, revoking the old
    /// one; one its record no longer gives, or cannot give now, stays as it was.
    private func reissue(
        issued: [IssuedCertificate], holder: Person, in transaction: any RecordTransaction, at now: Timestamp
    ) async throws -> [IssuedCertificate] {
        var reissued: [IssuedCertificate] = []
        for old in try await transaction.certificates.certificates(ofPeople: [holder.id])
        where !old.isRevoked && old.expiresAt > now && !issued.contains(where: { $0.id == old.id }) {
            let renewed: IssuedCertificate?
            do {
                renewed = try await certificate(
                    old.type, vaccinationID: old.vaccinationId, resultID: old.resultId, holder: holder,
                    in: transaction, at: now)
            } catch let error as ServiceError
                where [.nameNeedsLatinForm, .deviceNeeded, .certificateNotIssuable].contains(error.code)
            {
                // Kept as it was rather than stop the name's correction: a part still without its Latin form, or
                // a record that no longer gives a certificate (its product's code withdrawn, say).
                continue
            }
            guard let renewed else { continue }
            try await transaction.certificates.revoke(certificateID: old.id, reason: "name-corrected", at: now)
            try await transaction.certificates.insert(renewed)
            reissued.append(renewed)
        }
        return reissued
    }

    /// The certificate of `type` a record (a dose, or a lab result) gives `holder` now, its card valid from after
    /// the record's earlier cards; nil when it no longer gives one (a test certificate past its 72 hours, a
    /// recovery certificate past its 180 days).
    private func certificate(
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
            type, for: result, firstPositive: firstPositive, holder: holder, at: now,
            cardNotBefore: CertificateAuthority.cardNotBefore(at: now, after: earlier))
    }
}
