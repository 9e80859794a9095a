/// Storage of people, enrolment challenges and access tokens. Services run their rules inside
/// `write`, which is one transaction: all of it lands, or none.
///
/// Isolation: national ids and token hashes are unique (constraints). Verifying reads the open challenge and
/// consumes it in one `write`; a backend with concurrent writers must lock that row as it reads it, so a code
/// verifies once even when two attempts race (SQLite's single writer gives this by itself).
public protocol IdentityStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws -> T
}

/// What identity rules can read and change inside one transaction.
public protocol IdentityTransaction {
    func person(id: String) async throws -> Person?
    func person(nationalID: NationalID) async throws -> Person?
    func dependants(ofGuardian guardianID: String) async throws -> [Person]
    /// People in id order after `cursor`, at most `limit`.
    func people(after cursor: String, limit: Int) async throws -> [Person]
    func insert(_ person: Person) async throws
    /// Gives an existing person their own mobile number and ends any guardianship (a dependant come of age).
    func claim(personID: String, phone: String) async throws

    func challengeCount(nationalID: NationalID, since: Timestamp) async throws -> Int
    func openChallenge(nationalID: NationalID, at now: Timestamp) async throws -> EnrolmentChallenge?
    func insert(_ challenge: EnrolmentChallenge) async throws
    func recordFailedAttempt(challengeID: Int64) async throws
    func consume(challengeID: Int64, at now: Timestamp) async throws

    func insert(_ token: AccessToken, secretHash: [UInt8]) async throws
    func token(secretHash: [UInt8]) async throws -> AccessToken?
    func tokens() async throws -> [AccessToken]
    /// Marks the token revoked; false when there is no such unrevoked token.
    func revokeToken(id: String, at now: Timestamp) async throws -> Bool

    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
