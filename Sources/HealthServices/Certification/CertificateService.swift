public import Certificates
public import Foundation

/// The certificates people hold: listing and downloading them, revocation by operators, and what verifiers
/// use offline (our trust list and revocation list) or ask us for (`verify`).
public struct CertificateService: Sendable {
    let store: any RecordStore
    let authority: CertificateAuthority
    let borderLists: BorderListService
    let clock: WallClock
    let revocations = RevocationListCache()
    /// The list of a past day (see ``revocationList(at:)``), for checks as of an instant gone by.
    let pastRevocations = RevocationListCache()
    let healthCardIssuerCache = HealthCardIssuerCache()
    let signerWaitMemo = SignerWaitMemo()

    /// The longest revocation reason accepted, in Unicode scalars as sent.
    static let maxReasonLength = 500

    public init(
        store: any RecordStore, authority: CertificateAuthority, borderLists: BorderListService, clock: WallClock
    ) {
        self.store = store
        self.authority = authority
        self.borderLists = borderLists
        self.clock = clock
    }

    /// The certificates of the people the principal may see, newest first.
    public func certificates(for principal: Principal, personID: String?) async throws -> [IssuedCertificate] {
        try await store.read { transaction in
            try await transaction.certificates.certificates(
                ofPeople: transaction.visiblePeople(to: principal, personID: personID))
        }
    }

    /// One certificate, when the principal may see it (a citizen gets not-found for anyone else's).
    public func certificate(id: String, for principal: Principal) async throws -> IssuedCertificate {
        try await store.read { transaction in
            let notFound = ServiceError(.certificateNotFound, "There is no certificate with this id.")
            guard let certificate = try await transaction.certificates.certificate(id: id) else { throw notFound }
            if let own = principal.personID {
                guard try await transaction.peopleActedFor(by: own).contains(certificate.personId) else {
                    throw notFound
                }
            }
            return certificate
        }
    }

    /// Revokes a certificate for good; it joins the revocation list at once.
    ///
    /// The holder is held first, as every write that replaces a person's certificates holds them (lab batches,
    /// Latin names, doses, the signer job): a revocation waits for one under way and then reads what it left, so
    /// that no replacement is issued for a certificate revoked meanwhile, and none is dated before its revocation.
    public func revoke(id: String, reason: String, by principal: Principal) async throws -> IssuedCertificate {
        let reason = reason.unicodeScalars.count <= Self.maxReasonLength ? reason.trimmingWhitespace() : ""
        guard !reason.isEmpty else {
            throw ServiceError(.invalidReason, "reason must be 1 to \(Self.maxReasonLength) characters.")
        }
        return try await store.write { transaction in
            guard let found = try await transaction.certificates.certificate(id: id),
                let holder = try await transaction.person(id: found.personId)
            else { throw ServiceError(.certificateNotFound, "There is no certificate with this id.") }
            try await transaction.holdPeople(nationalIDs: NationalID(holder.nationalId).map { [$0] } ?? [])
            let now = clock.now()
            guard let certificate = try await transaction.certificates.certificate(id: id) else {
                throw ServiceError(.certificateNotFound, "There is no certificate with this id.")
            }
            guard !certificate.isRevoked else {
                throw ServiceError(.alreadyRevoked, "This certificate is already revoked.")
            }
            try await transaction.certificates.revoke(certificateID: id, reason: reason, at: now)
            try await transaction.append(
                AuditEvent(
                    by: principal, "certificate.revoke", subject: "certificate:\(id)", details: ["reason": reason]),
                at: now)
            guard let revoked = try await transaction.certificates.certificate(id: id) else {
                throw ServiceError(.certificateNotFound, "There is no certificate with this id.")
            }
            return revoked
        }
    }

    /// Our document signers and the imported ones, in the DCC gateway's trust list JSON, with its entity tag.
    public func trustList() async throws -> (json: Data, entityTag: String) {
        let lists = try await borderLists.current()
        return (lists.trustListJSON, lists.trustListEntityTag)
    }

    /// The value sets verification checks coded members against: the imported ones, else the EU's shipped ones.
    public func valueSets() async throws -> ValueSets {
        try await borderLists.current().valueSets
    }

    /// Seconds until no document signer can sign, for the operators' alert to rotate in time (zero: none can).
    public func secondsOfSigningLeft() -> Int64 {
        authority.secondsOfSigningLeft(at: clock.now())
    }

    /// Our country: the destination a border check applies the entry rules of unless told another.
    public var country: String { authority.country }

    /// The entry rules as the gateway distributes them, all or one country's.
    public func entryRulesJSON(country: String?) async throws -> JSONValue {
        if let country { try Self.checkCountry(country) }
        let rules = try await borderLists.current().rules.rules
        return .array(rules.filter { country == nil || $0.country == country }.map(\.json))
    }

    static func checkCountry(_ country: String) throws {
        guard CountryCode.isAlpha2(country) else {
            throw ServiceError(.invalidCountry, "country must be an ISO 3166 alpha-2 code in capitals, e.g. BH.")
        }
    }

    /// The entry rules of `destination` (default: our country), described in `language` (default: English), with
    /// the lists they were read with. Another country without acceptance rules is `unknown-destination`: a
    /// certificate would be answered valid for entry there with nothing checked.
    func entryRuleCheck(destination: String?, language: String?) async throws -> (EntryRuleCheck, BorderLists) {
        let destination = destination ?? country
        try Self.checkCountry(destination)
        let language = language ?? "en"
        guard language.utf8.count == 2, language.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
            throw ServiceError(.invalidLanguage, "language must be a two-letter ISO 639-1 code, e.g. en or ar.")
        }
        let lists = try await borderLists.current()
        // Our own country is checked as the page checks it, by whatever rules it has.
        guard destination == country || lists.rules.holdsAcceptanceRules(of: destination) else {
            throw ServiceError(
                .unknownDestination,
                "No entry rules of \(destination) are held, so entry there cannot be checked: import them first.")
        }
        let check = EntryRuleCheck(
            rules: lists.rules, valueSets: lists.valueSets, destination: destination, language: language)
        return (check, lists)
    }

    /// Every revoked certificate that has not expired, in the DCC revocation list form; rebuilt only after a
    /// revocation (or once a day), since each verification consults it. For a check as of a past instant `at`, the
    /// list of its day: the certificates revoked by now that had not expired when that day began (one that has
    /// expired since is revoked all the same), which serves any instant of the day and is kept like today's.
    public func revocationList(at date: Date? = nil) async throws -> RevocationList {
        let now = clock.now()
        let past = date.map { Timestamp($0) }.flatMap { $0 < now ? $0 : nil }
        let day = (past ?? now).date.daysSinceEpoch
        let cache = past == nil ? revocations : pastRevocations
        let count = try await store.read { try await $0.certificates.revokedCertificateCount() }
        if let list = cache.list(revokedCount: count, day: day) { return list }
        let revoked = try await store.read { try await $0.certificates.revokedCertificates() }
        let list = try authority.revocationList(
            of: revoked, at: past == nil ? now : Timestamp(secondsSinceEpoch: day * 86_400))
        cache.store(list, revokedCount: revoked.count, day: day)
        return list
    }

    /// Verifies an HC1 string against our and the imported trust lists, our revocation list and the value sets, as
    /// a verifier's app would offline, then against the entry rules of `destination` (default: our own country),
    /// described in `language`. Whitespace around the text (a scanner's line ending) is not part of it.
    public func verify(
        _ hc1: String, at date: Date?, destination: String? = nil, language: String? = nil
    ) async throws -> VerificationResult {
        let (entryRules, lists) = try await entryRuleCheck(destination: destination, language: language)
        var verifier = CertificateVerifier(
            trustList: lists.trustList, revocationList: try await revocationList(at: date), valueSets: lists.valueSets)
        verifier.entryRules = entryRules
        return verifier.verify(
            hc1.trimmingCharacters(in: .whitespacesAndNewlines), at: date ?? clock.now().foundationDate)
    }
}

extension ServiceError.Code {
    public static let certificateNotFound = Self("certificate-not-found", .notFound)
    public static let alreadyRevoked = Self("already-revoked", .conflict)
    public static let invalidReason = Self("invalid-reason", .invalidInput)
    public static let invalidLanguage = Self("invalid-language", .invalidInput)
}
