/// Storage of people, enrolment challenges and access tokens. Services run their rules inside
/// `write`, which is one transaction: all of it lands, or none.
///
/// Isolation: national ids and token hashes are unique (constraints). Verifying reads the open challenge and
/// consumes it in one `write`; a backend with concurrent writers must lock that row as it reads it, so a code
/// verifies once even when two attempts race (SQLite's single writer gives this by itself).
public protocol IdentityStore: Sendable {
    /// Runs `body` outside any explicit transaction, as both backends read: each statement sees what was committed when
    /// it began, so two reads in one body may see different states. `body` may run more than once (PostgreSQL runs it
    /// again after a lost session) and must change nothing.
    func read<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. `body` may run more than
    /// once (PostgreSQL runs it again after a lost race or session; SQLite runs it on its own when SQLite rolled back
    /// the transaction it shared with other writes), and only the run that committed answers, so it must have no effect
    /// outside the store. It should await nothing but the transaction: on SQLite the other writes wait while it runs. A
    /// refusal that must keep a change (a wrong code's counted attempt) is returned rather than thrown; the code is
    /// sent after `write` returns.
    func write<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws -> T
}

/// What identity rules can read and change inside one transaction.
public protocol IdentityTransaction {
    /// The person with this id, adult or dependant; nil when there is none.
    func person(id: String) async throws -> Person?
    /// The person holding this national id; there is at most one (a unique constraint), and nil when the id is not
    /// registered.
    func person(nationalID: NationalID) async throws -> Person?
    /// The people `guardianID` acts for, earliest registered first. A dependant who has claimed their own account is no
    /// longer among them (``claim(personID:phone:)``). In a write the guardian is locked first, so dependants added at
    /// once are counted one after the other against the limit.
    func dependants(ofGuardian guardianID: String) async throws -> [Person]
    /// People in id order after `cursor`, at most `limit`.
    func people(after cursor: String, limit: Int) async throws -> [Person]
    /// Stores a new person. Their national id must not be held already: the unique constraint refuses it, and on
    /// PostgreSQL that runs the write again, so look it up with ``person(nationalID:)`` first and the rerun finds the
    /// winner.
    func insert(_ person: Person) async throws
    /// Gives an existing person their own mobile number and ends any guardianship (a dependant come of age).
    func claim(personID: String, phone: String) async throws

    /// How many challenges were created for this national id at or after `since`, used or not: what the hourly limit on
    /// codes counts. In a write the national id is locked first (on PostgreSQL a transaction advisory lock; SQLite
    /// has one writer), so racing requests are counted one after the other and no more than the limit get a code.
    func challengeCount(nationalID: NationalID, since: Timestamp) async throws -> Int
    /// How many challenges asked for a code to `phone` at or after `since`, for whatever national id: what the
    /// hourly limit per number counts. In a write the number is locked first, as the national id is.
    func challengeCount(phone: String, since: Timestamp) async throws -> Int
    /// The newest unconsumed challenge for this national id, expired or not (the caller checks `expiresAt` and
    /// `attempts`), so a new code replaces those sent before it; nil when there is none. In a write on PostgreSQL the
    /// row stays locked (`FOR UPDATE`) until commit, so two attempts at one code verify one after the other. `now`
    /// bounds the stored date of birth as the details are checked again.
    func openChallenge(nationalID: NationalID, at now: Timestamp) async throws -> EnrolmentChallenge?
    /// Queues a text message in the outbox in this transaction, so a code is sent exactly when its challenge is
    /// stored.
    func enqueue(_ message: OutboxMessage) async throws
    /// Stores a new challenge with its salted code hash, never the code. The store numbers it (the `id` given is
    /// ignored), later challenges higher.
    func insert(_ challenge: EnrolmentChallenge) async throws
    /// Counts one more wrong code against the challenge, as an increment in the database rather than a write of the
    /// count read, so no attempt is lost to a race.
    func recordFailedAttempt(challengeID: Int64) async throws
    /// Marks used at `now` the national id's challenge `challengeID` and every earlier one still open
    /// (``openChallenge(nationalID:at:)`` no longer returns them): a verified code ends the codes sent before it,
    /// which would otherwise be the newest open ones again.
    func consumeChallenges(nationalID: NationalID, through challengeID: Int64, at now: Timestamp) async throws

    /// Stores a new token under `secretHash`, the SHA-256 of its secret; the secret itself is never stored. Hashes are
    /// unique (a constraint).
    func insert(_ token: AccessToken, secretHash: [UInt8]) async throws
    /// The token whose secret has this hash, revoked and expired ones included: the caller checks it is active. nil
    /// when no token has the hash.
    func token(secretHash: [UInt8]) async throws -> AccessToken?
    /// Every staff token, revoked and expired ones included, oldest first; citizens' tokens are never listed.
    func tokens() async throws -> [AccessToken]
    /// Marks the token revoked; false when there is no such unrevoked token.
    func revokeToken(id: String, at now: Timestamp) async throws -> Bool

    /// Appends `event` to the hash-chained audit log in this transaction, so the entry commits exactly when the change
    /// it records does. Call it last: on PostgreSQL it takes the chain's lock, held until commit, and records the
    /// transaction's id, by which a COMMIT left unanswered is settled.
    func append(_ event: AuditEvent, at now: Timestamp) async throws
}
