/// Storage of people, enrolment challenges and access tokens. Services run their rules inside
/// `write`, which is one transaction: all of it lands, or none.
public protocol IdentityStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) throws -> T) async throws -> T
}

/// What identity rules can read and change inside one transaction.
public protocol IdentityTransaction {
    func person(id: String) throws -> Person?
    func person(nationalID: NationalID) throws -> Person?
    func dependants(ofGuardian guardianID: String) throws -> [Person]
    /// People in id order after `cursor`, at most `limit`.
    func people(after cursor: String, limit: Int) throws -> [Person]
    func insert(_ person: Person) throws
    /// Gives an existing person their own mobile number and ends any guardianship (a dependant come of age).
    func claim(personID: String, phone: String) throws

    func challengeCount(nationalID: NationalID, since: Timestamp) throws -> Int
    func openChallenge(nationalID: NationalID, at now: Timestamp) throws -> EnrolmentChallenge?
    func insert(_ challenge: EnrolmentChallenge) throws
    func recordFailedAttempt(challengeID: Int64) throws
    func consume(challengeID: Int64, at now: Timestamp) throws

    func insert(_ token: AccessToken, secretHash: [UInt8]) throws
    func token(secretHash: [UInt8]) throws -> AccessToken?
    func tokens() throws -> [AccessToken]
    /// Marks the token revoked; false when there is no such unrevoked token.
    func revokeToken(id: String, at now: Timestamp) throws -> Bool

    func append(_ event: AuditEvent, at now: Timestamp) throws
}
