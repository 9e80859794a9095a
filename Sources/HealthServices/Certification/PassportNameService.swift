import Certificates

/// Operators record the Latin forms of a person's name from the population register, as printed in the
/// passport; the certificates that waited for them are issued in the same transaction as the change and its
/// audit entry, and those already issued with other Latin forms are issued again with these.
public struct PassportNameService: Sendable {
    let store: any RecordStore
    let authority: CertificateAuthority
    let borderLists: BorderListService
    let clock: WallClock

    public init(
        store: any RecordStore, authority: CertificateAuthority, borderLists: BorderListService, clock: WallClock
    ) {
        self.store = store
        self.authority = authority
        self.borderLists = borderLists
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
        let certifier = RecordCertifier(authority: authority, listedDevices: try await borderLists.listedTestDevices())
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
                // One still waiting may wait for something else now: a rapid antigen negative's device (one that
                // began waiting for the name before results named their device, or names a device off the EU
                // list), or a document signer.
                switch try await certifier.issue(waiting, holder: holder, in: transaction, at: now) {
                case .issued(let certificate): issued.append(certificate)
                case .waiting(let still): stillWaiting.append(still)
                case nil: break
                }
            }
            if CertificateAuthority.holder(person) != CertificateAuthority.holder(holder) {
                issued += try await reissue(
                    issued: issued, holder: holder, certifier: certifier, in: transaction, at: now)
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
        issued: [IssuedCertificate], holder: Person, certifier: RecordCertifier, in transaction: any RecordTransaction,
        at now: Timestamp
    ) async throws -> [IssuedCertificate] {
        var reissued: [IssuedCertificate] = []
        for old in try await transaction.certificates.certificates(ofPeople: [holder.id])
        where !old.isRevoked && old.expiresAt > now && !issued.contains(where: { $0.id == old.id }) {
            let renewed: IssuedCertificate?
            do {
                renewed = try await certifier.certificate(
                    old.type, vaccinationID: old.vaccinationId, resultID: old.resultId, holder: holder,
                    in: transaction, at: now)
            } catch let error as ServiceError
                where WaitingCertificate.reasons.contains(error.code.rawValue) || error.code == .certificateNotIssuable
            {
                // Kept as it was rather than stop the name's correction: a part still without its Latin form, no
                // document signer to sign now, or a record that no longer gives a certificate (its product's code
                // withdrawn, say).
                continue
            }
            guard let renewed else { continue }
            try await transaction.certificates.revoke(certificateID: old.id, reason: "name-corrected", at: now)
            try await transaction.certificates.insert(renewed)
            reissued.append(renewed)
        }
        return reissued
    }
}
