import CryptoCore

/// Citizen enrolment by one-time code, dependants, and people registered by staff.
///
/// Enrolment always answers "accepted", and counts every request toward the hourly limit, so its answers never
/// reveal whether an ID is known: the code goes to the mobile number given for a new ID, to the number on file for
/// an enrolled one, and nowhere when the date of birth does not match or the ID belongs to a child registered as a
/// dependant.
public struct AccountService: Sendable {
    let store: any IdentityStore
    let clock: WallClock

    /// Seconds a one-time code stays valid.
    static let codeLifetime: Int64 = 600
    /// Wrong codes allowed per challenge.
    static let maxAttempts = 5
    /// Codes sent per national ID per hour.
    static let maxCodesPerHour = 5
    /// Codes asked for one mobile number per hour, whatever the IDs: enough for a household enrolling on one phone,
    /// few enough that enrolment cannot be used to flood a number (or a costly one abroad) with texts.
    static let maxCodesPerPhonePerHour = 10
    /// The code hash of a refused request's challenge: no code hashes to it, so it can never be verified.
    static let unmatchableHash = [UInt8](repeating: 0, count: 32)
    /// Seconds a citizen token stays valid.
    static let citizenTokenLifetime: Int64 = 30 * 86_400
    /// Dependants one guardian may hold.
    static let maxDependants = 10
    /// The age from which a person manages their own account.
    static let adultAge = 18

    public init(store: any IdentityStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// Starts enrolment (or login): stores a hashed one-time code and sends it.
    public func enrol(nationalId: String, dateOfBirth: String, names: PersonNameFields, phone: String) async throws {
        let now = clock.now()
        let details = try PersonDetails(
            nationalId: nationalId, dateOfBirth: dateOfBirth, names: names, phone: phone, today: now.civilDate)
        let code = OpaqueID.digits(6)
        let salt = SecureRandom.bytes(count: 16)
        try await store.write { transaction in
            let hourAgo = now.adding(seconds: -3600)
            guard
                try await transaction.challengeCount(nationalID: details.nationalID, since: hourAgo)
                    < Self.maxCodesPerHour
            else {
                throw ServiceError(.tooManyCodes, "Too many codes were requested for this ID; try again later.")
            }
            guard try await transaction.challengeCount(phone: phone, since: hourAgo) < Self.maxCodesPerPhonePerHour
            else {
                throw ServiceError(
                    .tooManyCodes, "Too many codes were requested for this mobile number; try again later.")
            }
            var personID: String?
            var destination: String? = phone
            if let existing = try await transaction.person(nationalID: details.nationalID) {
                if existing.dateOfBirth != details.dateOfBirth || Self.isChildWithoutPhone(existing, at: now) {
                    destination = nil
                } else {
                    destination = existing.phone ?? phone
                    personID = existing.id
                }
            }
            try await transaction.insert(
                EnrolmentChallenge(
                    id: 0, nationalID: details.nationalID, personID: personID, details: details, salt: salt,
                    codeHash: destination == nil ? Self.unmatchableHash : SHA256.hash(salt + Array(code.utf8)),
                    attempts: 0, createdAt: now, expiresAt: now.adding(seconds: Self.codeLifetime)
                )
            )
            // A refused request's challenge (no code hashes to it) is stored as a real one is: it counts toward the
            // hourly limit and, the newest, replaces the codes sent before it; verify then answers it as a real
            // challenge (wrong, then too many attempts, then expired), so neither tells a wrong date of birth.
            if let destination {
                let text =
                    "Your health services code is \(code). It expires in \(Self.codeLifetime / 60) minutes. "
                    + "Do not share it."
                try await transaction.enqueue(OutboxMessage(to: destination, text: text, code: code, createdAt: now))
            }
        }
    }

    /// Checks a one-time code; on success creates the person if new and returns a citizen token.
    public func verify(nationalId: String, code: String) async throws -> CitizenSession {
        let nationalID = try NationalID.checked(nationalId)
        guard code.utf8.count == 6, code.isASCIIDigits else {
            throw ServiceError(.invalidCodeFormat, "code must be the 6 digits of the text message.")
        }
        let now = clock.now()
        let secret = AccessToken.generateSecret()
        let outcome: Result<CitizenSession, ServiceError> = try await store.write { transaction in
            guard let challenge = try await transaction.openChallenge(nationalID: nationalID, at: now) else {
                return .failure(ServiceError(.wrongCode, "The code is not valid."))
            }
            guard now < challenge.expiresAt else {
                return .failure(ServiceError(.codeExpired, "The code has expired; enrol again."))
            }
            guard challenge.attempts < Self.maxAttempts else {
                return .failure(ServiceError(.tooManyAttempts, "Too many wrong codes; enrol again for a new one."))
            }
            guard Self.constantTimeEqual(SHA256.hash(challenge.salt + Array(code.utf8)), challenge.codeHash) else {
                try await transaction.recordFailedAttempt(challengeID: challenge.id)
                return .failure(ServiceError(.wrongCode, "The code is not valid."))
            }
            try await transaction.consumeChallenges(nationalID: nationalID, through: challenge.id, at: now)
            let person = try await Self.person(for: challenge, in: transaction, at: now)
            let token = AccessToken(
                id: OpaqueID.make("tok"), role: .citizen, name: Principal.citizen(personID: person.id).name,
                personId: person.id,
                createdAt: now, expiresAt: now.adding(seconds: Self.citizenTokenLifetime), revokedAt: nil
            )
            try await transaction.insert(token, secretHash: AccessToken.hash(ofSecret: secret))
            try await transaction.append(
                AuditEvent(
                    by: .citizen(personID: person.id), "account.verify", subject: "person:\(person.id)",
                    details: ["token": token.id]), at: now)
            return .success(CitizenSession(token: secret, personId: person.id, expiresAt: token.expiresAt))
        }
        return try outcome.get()
    }

    /// Whether the person is a child with no number of their own (a dependant): they cannot enrol until 18.
    static func isChildWithoutPhone(_ person: Person, at now: Timestamp) -> Bool {
        person.phone == nil && person.dateOfBirth.years(until: now.civilDate) < adultAge
    }

    /// The person a verified challenge logs in as: the one on file (given their own number if they had none),
    /// or a new one. One registered since the code was sent is claimed only as enrolment would have allowed: never
    /// a child registered as a dependant meanwhile.
    private static func person(
        for challenge: EnrolmentChallenge, in transaction: any IdentityTransaction, at now: Timestamp
    ) async throws -> Person {
        if let existing = try await transaction.person(nationalID: challenge.nationalID) {
            guard existing.id == challenge.personID || (challenge.personID == nil && existing.phone == nil),
                existing.dateOfBirth == challenge.details.dateOfBirth, !isChildWithoutPhone(existing, at: now)
            else { throw ServiceError(.alreadyRegistered, "This ID was enrolled meanwhile; enrol again.") }
            guard existing.phone == nil, let phone = challenge.details.phone else { return existing }
            try await transaction.claim(personID: existing.id, phone: phone)
            return try await transaction.person(id: existing.id) ?? existing
        }
        let person = Person(
            id: OpaqueID.make("per"), nationalId: challenge.nationalID.digits,
            dateOfBirth: challenge.details.dateOfBirth,
            name: challenge.details.name, phone: challenge.details.phone, guardianId: nil, createdAt: now
        )
        try await transaction.insert(person)
        return person
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension ServiceError.Code {
    public static let invalidCodeFormat = Self("invalid-code-format", .invalidInput)
    public static let wrongCode = Self("invalid-code", .unauthenticated)
    public static let codeExpired = Self("code-expired", .unauthenticated)
    public static let tooManyAttempts = Self("too-many-attempts", .tooManyRequests)
    public static let tooManyCodes = Self("too-many-codes", .tooManyRequests)
    public static let alreadyRegistered = Self("already-registered", .conflict)
}
