public import HealthServices
import PostgresNIO

/// Identity storage in the PostgreSQL health database: tables `people`, `enrolment_challenges`, `access_tokens`.
public struct IdentityPostgresStore: IdentityStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws
        -> T
    {
        try await database.read { try await body(IdentityPostgresTransaction(session: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws
        -> T
    {
        try await database.write { try await body(IdentityPostgresTransaction(session: $0)) }
    }
}

/// ``IdentityTransaction`` over one PostgreSQL transaction. In a write, the open enrolment challenge is read
/// with `FOR UPDATE`: a second attempt to verify the same code waits for the first to commit, then finds the
/// challenge consumed.
struct IdentityPostgresTransaction: IdentityTransaction {
    let session: PostgresSession

    static let personColumns = """
        id, national_id, date_of_birth, name, phone, guardian_id, created_at, family_name, given_name,
        family_name_latin, given_name_latin
        """

    static func person(_ row: PostgresRow) throws -> Person {
        let (id, nationalID, dateOfBirth, name, phone, guardianID, createdAt, family, given, familyLatin, givenLatin) =
            try row.decode(
                (
                    String, String, CalendarDate, String, String?, String?, Timestamp, String?, String?, String?,
                    String?
                ).self)
        return Person(
            id: id, nationalId: nationalID, dateOfBirth: dateOfBirth,
            name: PersonName(
                fullName: name, familyName: family, givenName: given, familyNameLatin: familyLatin,
                givenNameLatin: givenLatin),
            phone: phone, guardianId: guardianID, createdAt: createdAt)
    }

    func person(id: String) async throws -> Person? {
        try await session.first("SELECT \(unescaped: Self.personColumns) FROM people WHERE id = \(id)", Self.person)
    }

    func person(nationalID: NationalID) async throws -> Person? {
        try await session.first(PersonByNationalID.self, nationalID.digits, row: Self.person)
    }

    /// How labs, vaccinators and case workers name people: prepared once per connection.
    enum PersonByNationalID: PreparedSQL {
        static let sql = "SELECT \(IdentityPostgresTransaction.personColumns) FROM people WHERE national_id = $1"
    }

    /// In a write, the guardian's row stays locked to the end first, so two dependants added at once are counted one
    /// after the other against the limit.
    func dependants(ofGuardian guardianID: String) async throws -> [Person] {
        if session.isWrite { try await session.run("SELECT 1 FROM people WHERE id = \(guardianID) FOR UPDATE") }
        return try await session.all(
            """
            SELECT \(unescaped: Self.personColumns) FROM people WHERE guardian_id = \(guardianID)
            ORDER BY created_at, id
            """, Self.person)
    }

    func people(after cursor: String, limit: Int) async throws -> [Person] {
        try await session.all(
            "SELECT \(unescaped: Self.personColumns) FROM people WHERE id > \(cursor) ORDER BY id LIMIT \(limit)",
            Self.person)
    }

    func insert(_ person: Person) async throws {
        let name = person.personName
        try await session.run(
            """
            INSERT INTO people (\(unescaped: Self.personColumns))
            VALUES (\(person.id), \(person.nationalId), \(person.dateOfBirth), \(person.name), \(person.phone),
                \(person.guardianId), \(person.createdAt), \(name.storedFamilyName), \(name.storedGivenName),
                \(person.familyNameLatin), \(person.givenNameLatin))
            """)
    }

    func claim(personID: String, phone: String) async throws {
        try await session.run("UPDATE people SET phone = \(phone), guardian_id = NULL WHERE id = \(personID)")
    }

    /// In a write, enrolments for one national id first take a transaction lock of their own (class 1 of the
    /// two-key advisory locks, apart from the audit chain's one-key lock), so racing requests count one after the
    /// other against the hourly limit.
    func challengeCount(nationalID: NationalID, since: Timestamp) async throws -> Int {
        if session.isWrite {
            try await session.run("SELECT pg_advisory_xact_lock(1, hashtext(\(nationalID.digits)))")
        }
        return try await session.first(
            """
            SELECT count(*) FROM enrolment_challenges
            WHERE national_id = \(nationalID.digits) AND created_at >= \(since)
            """
        ) { try $0.decode(Int.self) } ?? 0
    }

    /// In a write, enrolments asking for one number take a lock of their own (class 2), after their national id's.
    func challengeCount(phone: String, since: Timestamp) async throws -> Int {
        if session.isWrite {
            try await session.run("SELECT pg_advisory_xact_lock(2, hashtext(\(phone)))")
        }
        return try await session.first(
            "SELECT count(*) FROM enrolment_challenges WHERE phone = \(phone) AND created_at >= \(since)"
        ) { try $0.decode(Int.self) } ?? 0
    }

    func openChallenge(nationalID: NationalID, at now: Timestamp) async throws -> EnrolmentChallenge? {
        try await session.first(
            """
            SELECT id, person_id, date_of_birth, name, phone, code_salt, code_hash, attempts, created_at, expires_at,
                family_name, given_name, family_name_latin, given_name_latin
            FROM enrolment_challenges WHERE national_id = \(nationalID.digits) AND consumed_at IS NULL
            ORDER BY id DESC LIMIT 1\(unescaped: session.forUpdate)
            """
        ) { row in
            let (
                id, personID, dateOfBirth, name, phone, salt, codeHash, attempts, createdAt, expiresAt, family, given,
                familyLatin, givenLatin
            ) = try row.decode(
                (
                    Int64, String?, CalendarDate, String, String, Bytea, Bytea, Int, Timestamp, Timestamp, String?,
                    String?, String?, String?
                ).self)
            let names = PersonNameFields(
                name: name, familyName: family, givenName: given, familyNameLatin: familyLatin,
                givenNameLatin: givenLatin)
            let details = try PersonDetails(
                nationalId: nationalID.digits, dateOfBirth: dateOfBirth.iso8601, names: names, phone: phone,
                today: now.civilDate)
            return EnrolmentChallenge(
                id: id, nationalID: nationalID, personID: personID, details: details, salt: salt.bytes,
                codeHash: codeHash.bytes, attempts: attempts, createdAt: createdAt, expiresAt: expiresAt)
        }
    }

    func enqueue(_ message: OutboxMessage) async throws {
        try await session.enqueue(message)
    }

    func insert(_ challenge: EnrolmentChallenge) async throws {
        let name = challenge.details.name
        try await session.run(
            """
            INSERT INTO enrolment_challenges (national_id, person_id, date_of_birth, name, phone, code_salt, code_hash,
                attempts, created_at, expires_at, family_name, given_name, family_name_latin, given_name_latin)
            VALUES (\(challenge.nationalID.digits), \(challenge.personID), \(challenge.details.dateOfBirth),
                \(name.fullName), \(challenge.details.phone), \(Bytea(challenge.salt)), \(Bytea(challenge.codeHash)),
                \(challenge.attempts), \(challenge.createdAt), \(challenge.expiresAt), \(name.storedFamilyName),
                \(name.storedGivenName), \(name.familyNameLatin), \(name.givenNameLatin))
            """)
    }

    func recordFailedAttempt(challengeID: Int64) async throws {
        try await session.run("UPDATE enrolment_challenges SET attempts = attempts + 1 WHERE id = \(challengeID)")
    }

    func consumeChallenges(nationalID: NationalID, through challengeID: Int64, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE enrolment_challenges SET consumed_at = \(now)
            WHERE national_id = \(nationalID.digits) AND id <= \(challengeID) AND consumed_at IS NULL
            """)
    }

    static let tokenColumns = "id, role, name, person_id, created_at, expires_at, revoked_at"

    static func token(_ row: PostgresRow) throws -> AccessToken {
        let (id, roleName, name, personID, createdAt, expiresAt, revokedAt) = try row.decode(
            (String, String, String, String?, Timestamp, Timestamp, Timestamp?).self)
        guard let role = Role(rawValue: roleName) else { throw StoreError("unknown role in access_tokens") }
        return AccessToken(
            id: id, role: role, name: name, personId: personID, createdAt: createdAt, expiresAt: expiresAt,
            revokedAt: revokedAt)
    }

    func insert(_ token: AccessToken, secretHash: [UInt8]) async throws {
        try await session.run(
            """
            INSERT INTO access_tokens (\(unescaped: Self.tokenColumns), secret_hash)
            VALUES (\(token.id), \(token.role.rawValue), \(token.name), \(token.personId), \(token.createdAt),
                \(token.expiresAt), \(token.revokedAt), \(Bytea(secretHash)))
            """)
    }

    func token(secretHash: [UInt8]) async throws -> AccessToken? {
        try await session.first(TokenBySecretHash.self, Bytea(secretHash), row: Self.token)
    }

    /// The check of every request's bearer token, prepared once per connection.
    enum TokenBySecretHash: PreparedSQL {
        static let sql = "SELECT \(IdentityPostgresTransaction.tokenColumns) FROM access_tokens WHERE secret_hash = $1"
    }

    func tokens() async throws -> [AccessToken] {
        try await session.all(
            """
            SELECT \(unescaped: Self.tokenColumns) FROM access_tokens WHERE role <> 'citizen' ORDER BY created_at, id
            """, Self.token)
    }

    func revokeToken(id: String, at now: Timestamp) async throws -> Bool {
        try await session.run(
            "UPDATE access_tokens SET revoked_at = \(now) WHERE id = \(id) AND revoked_at IS NULL RETURNING 1") == 1
    }

    func append(_ event: AuditEvent, at now: Timestamp) async throws {
        try await AuditPostgresWriter.append(event, at: now, on: session)
    }
}
