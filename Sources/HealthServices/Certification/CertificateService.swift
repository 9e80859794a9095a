public import Certificates
public import Foundation

/// The certificates people hold: listing and downloading them, revocation by operators, and what verifiers
/// use offline (our trust list and revocation list) or ask us for (`verify`).
public struct CertificateService: Sendable {
    let store: any RecordStore
    let authority: CertificateAuthority
    let clock: WallClock
    let revocations = RevocationListCache()

    /// The longest revocation reason accepted, in Unicode scalars as sent.
    static let maxReasonLength = 500

    public init(store: any RecordStore, authority: CertificateAuthority, clock: WallClock) {
        self.store = store
        self.authority = authority
        self.clock = clock
    }

    /// The certificates of the people the principal may see, newest first.
    public func certificates(for principal: Principal, personID: String?) async throws -> [IssuedCertificate] {
        try await store.read { transaction in
            try await transaction.certificates(
                ofPeople: transaction.visiblePeople(to: principal, personID: personID))
        }
    }

    /// One certificate, when the principal may see it (a citizen gets not-found for anyone else's).
    public func certificate(id: String, for principal: Principal) async throws -> IssuedCertificate {
        try await store.read { transaction in
            let notFound = ServiceError(.certificateNotFound, "There is no certificate with this id.")
            guard let certificate = try await transaction.certificate(id: id) else { throw notFound }
            if let own = principal.personID {
                guard try await transaction.peopleActedFor(by: own).contains(certificate.personId) else {
                    throw notFound
                }
            }
            return certificate
        }
    }

    /// Revokes a certificate for good; it joins the revocation list at once.
    public func revoke(id: String, reason: String, by principal: Principal) async throws -> IssuedCertificate {
        let reason = reason.unicodeScalars.count <= Self.maxReasonLength ? reason.trimmingWhitespace() : ""
        guard !reason.isEmpty else {
            throw ServiceError(.invalidReason, "reason must be 1 to \(Self.maxReasonLength) characters.")
        }
        let now = clock.now()
        return try await store.write { transaction in
            guard let certificate = try await transaction.certificate(id: id) else {
                throw ServiceError(.certificateNotFound, "There is no certificate with this id.")
            }
            guard !certificate.isRevoked else {
                throw ServiceError(.alreadyRevoked, "This certificate is already revoked.")
            }
            try await transaction.revoke(certificateID: id, reason: reason, at: now)
            try await transaction.append(
                AuditEvent(
                    by: principal, "certificate.revoke", subject: "certificate:\(id)", details: ["reason": reason]),
                at: now)
            guard let revoked = try await transaction.certificate(id: id) else {
                throw ServiceError(.certificateNotFound, "There is no certificate with this id.")
            }
            return revoked
        }
    }

    /// Our document signers in the DCC gateway's trust list JSON.
    public func trustListJSON() throws -> Data {
        try authority.trustList.gatewayJSON()
    }

    /// Every revoked certificate that has not expired, in the DCC revocation list form; rebuilt only after a
    /// revocation (or once a day), since each verification consults it.
    public func revocationList() async throws -> RevocationList {
        let now = clock.now()
        let day = now.date.daysSinceEpoch
        let count = try await store.read { try await $0.revokedCertificateCount() }
        if let list = revocations.list(revokedCount: count, day: day) { return list }
        let revoked = try await store.read { try await $0.revokedCertificates() }
        let list = try authority.revocationList(of: revoked, at: now)
        revocations.store(list, revokedCount: revoked.count, day: day)
        return list
    }

    /// Verifies an HC1 string against our trust list and revocation list, as a verifier's app would offline.
    public func verify(_ hc1: String, at date: Date?) async throws -> VerificationResult {
        let verifier = CertificateVerifier(trustList: authority.trustList, revocationList: try await revocationList())
        return verifier.verify(hc1, at: date ?? clock.now().foundationDate)
    }
}

extension ServiceError.Code {
    public static let certificateNotFound = Self("certificate-not-found", .notFound)
    public static let alreadyRevoked = Self("already-revoked", .conflict)
    public static let invalidReason = Self("invalid-reason", .invalidInput)
}
