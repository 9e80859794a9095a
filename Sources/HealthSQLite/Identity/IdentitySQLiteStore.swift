public import HealthServices

/// Identity storage in `health.sqlite`: tables `people`, `enrolment_challenges`, `access_tokens`.
public struct IdentitySQLiteStore: IdentityStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws
        -> T
    {
        try await database.read { try await body(IdentitySQLiteTransaction(connection: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any IdentityTransaction) async throws -> T) async throws
        -> T
    {
        try await database.groupedWrite { try await body(IdentitySQLiteTransaction(connection: $0)) }
    }
}

/// ``IdentityTransaction`` over one connection inside the database actor.
struct IdentitySQLiteTransaction: IdentityTransaction {
    let connection: SQLiteConnection

    static let personColumns = """
        id, national_id, date_of_birth, name, phone, guardian_id, created_at, family_name, given_name,
        family_name_latin, given_name_latin
        """

    static func person(_ row: SQLiteRow) throws -> Person {
        let name = PersonName(
            fullName: try row.get(3), familyName: try row.get(7), givenName: try row.get(8),
            familyNameLatin: try row.get(9), givenNameLatin: try row.get(10))
        return Person(
            id: try row.get(0), nationalId: try row.get(1), dateOfBirth: try row.get(2), name: name,
            phone: try row.get(4), guardianId: try row.get(5), createdAt: try row.get(6)
        )
    }

    func person(id: String) throws -> Person? {
        try connection.queryFirst("SELECT \(Self.personColumns) FROM people WHERE id = ?", id, row: Self.person)
    }

    func person(nationalID: NationalID) throws -> Person? {
        try connection.queryFirst(
            "SELECT \(Self.personColumns) FROM people WHERE national_id = ?", nationalID.digits, row: Self.person)
    }

    func dependants(ofGuardian guardianID: String) throws -> [Person] {
        try connection.query(
            "SELECT \(Self.personColumns) FROM people WHERE guardian_id = ? ORDER BY created_at, id", guardianID,
            row: Self.person
        )
    }

    func people(after cursor: String, limit: Int) throws -> [Person] {
        try connection.query(
            "SELECT \(Self.personColumns) FROM people WHERE id > ? ORDER BY id LIMIT ?", cursor, limit, row: Self.person
        )
    }

    func insert(_ person: Person) throws {
        try connection.run(
            "INSERT INTO people (\(Self.personColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            person.id, person.nationalId, person.dateOfBirth, person.name, person.phone, person.guardianId,
            person.createdAt, person.personName.storedFamilyName, person.personName.storedGivenName,
            person.familyNameLatin,
            person.givenNameLatin
        )
    }

    func claim(personID: String, phone: String) throws {
        try connection.run("UPDATE people SET phone = ?, guardian_id = NULL WHERE id = ?", phone, personID)
    }

    func challengeCount(nationalID: NationalID, since: Timestamp) throws -> Int {
        try connection.queryFirst(
            "SELECT count(*) FROM enrolment_challenges WHERE national_id = ? AND created_at >= ?", nationalID.digits,
            since
        ) { try $0.get(0) } ?? 0
    }

    func challengeCount(phone: String, since: Timestamp) throws -> Int {
        try connection.queryFirst(
            "SELECT count(*) FROM enrolment_challenges WHERE phone = ? AND created_at >= ?", phone, since
        ) { try $0.get(0) } ?? 0
    }

    func openChallenge(nationalID: NationalID, at now: Timestamp) throws -> EnrolmentChallenge? {
        try connection.queryFirst(
            """
            SELECT id, person_id, date_of_birth, name, phone, code_salt, code_hash, attempts, created_at, expires_at,
                family_name, given_name, family_name_latin, given_name_latin
            FROM enrolment_challenges WHERE national_id = ? AND consumed_at IS NULL ORDER BY id DESC LIMIT 1
            """,
            nationalID.digits
        ) { row in
            let names = PersonNameFields(
                name: try row.get(3), familyName: try row.get(10), givenName: try row.get(11),
                familyNameLatin: try row.get(12), givenNameLatin: try row.get(13))
            let details = try PersonDetails(
                nationalId: nationalID.digits, dateOfBirth: try row.get(2, as: String.self), names: names,
                phone: try row.get(4, as: String.self), today: now.civilDate
            )
            return EnrolmentChallenge(
                id: try row.get(0), nationalID: nationalID, personID: try row.get(1), details: details,
                salt: try row.get(5), codeHash: try row.get(6), attempts: try row.get(7),
                createdAt: try row.get(8), expiresAt: try row.get(9)
            )
        }
    }

    func enqueue(_ message: OutboxMessage) throws {
        try connection.enqueue(message)
    }

    func insert(_ challenge: EnrolmentChallenge) throws {
        let name = challenge.details.name
        try connection.run(
            """
            INSERT INTO enrolment_challenges (national_id, person_id, date_of_birth, name, phone, code_salt, code_hash,
                attempts, created_at, expires_at, family_name, given_name, family_name_latin, given_name_latin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            challenge.nationalID.digits, challenge.personID, challenge.details.dateOfBirth, name.fullName,
            challenge.details.phone, challenge.salt, challenge.codeHash, challenge.attempts, challenge.createdAt,
            challenge.expiresAt, name.storedFamilyName, name.storedGivenName,
            name.familyNameLatin,
            name.givenNameLatin
        )
    }

    func recordFailedAttempt(challengeID: Int64) throws {
        try connection.run("UPDATE enrolment_challenges SET attempts = attempts + 1 WHERE id = ?", challengeID)
    }

    func consumeChallenges(nationalID: NationalID, through challengeID: Int64, at now: Timestamp) throws {
        try connection.run(
            """
            UPDATE enrolment_challenges SET consumed_at = ?
            WHERE national_id = ? AND id <= ? AND consumed_at IS NULL
            """, now, nationalID.digits, challengeID)
    }

    static let tokenColumns = "id, role, name, person_id, created_at, expires_at, revoked_at"

    static func token(_ row: SQLiteRow) throws -> AccessToken {
        guard let role = Role(rawValue: try row.get(1, as: String.self)) else {
            throw SQLiteError.misuse("unknown role in access_tokens")
        }
        return AccessToken(
            id: try row.get(0), role: role, name: try row.get(2), personId: try row.get(3), createdAt: try row.get(4),
            expiresAt: try row.get(5), revokedAt: try row.get(6)
        )
    }

    func insert(_ token: AccessToken, secretHash: [UInt8]) throws {
        try connection.run(
            "INSERT INTO access_tokens (\(Self.tokenColumns), secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            token.id, token.role.rawValue, token.name, token.personId, token.createdAt, token.expiresAt,
            token.revokedAt,
            secretHash
        )
    }

    func token(secretHash: [UInt8]) throws -> AccessToken? {
        try connection.queryFirst(
            "SELECT \(Self.tokenColumns) FROM access_tokens WHERE secret_hash = ?", secretHash, row: Self.token)
    }

    func tokens() throws -> [AccessToken] {
        try connection.query(
            "SELECT \(Self.tokenColumns) FROM access_tokens WHERE role <> 'citizen' ORDER BY created_at, id",
            row: Self.token
        )
    }

    func revokeToken(id: String, at now: Timestamp) throws -> Bool {
        try connection.run("UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id) == 1
    }

    func append(_ event: AuditEvent, at now: Timestamp) throws {
        try AuditSQLiteWriter.append(event, at: now, on: connection)
    }
}
