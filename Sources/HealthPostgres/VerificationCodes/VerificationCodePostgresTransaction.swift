import ContactTracing
import HealthServices
import PostgresNIO

/// ``VerificationCodeTransaction`` on one PostgreSQL transaction: table `exposure_verification_codes`.
struct VerificationCodePostgresTransaction: VerificationCodeTransaction {
    let session: PostgresSession

    func openVerificationCode(resultID: String, at now: Timestamp) async throws -> SealedVerificationCode? {
        try await session.first(
            """
            SELECT code_hash, code_sealed, created_at, expires_at FROM exposure_verification_codes
            WHERE result_id = \(resultID) AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > \(now)
                AND code_sealed IS NOT NULL
            ORDER BY id DESC LIMIT 1
            """
        ) { row in
            let (hash, sealed, createdAt, expiresAt) = try row.decode((Bytea, Bytea, Timestamp, Timestamp).self)
            return SealedVerificationCode(
                hash: hash.bytes, sealed: sealed.bytes, createdAt: createdAt, expiresAt: expiresAt)
        }
    }

    func insert(_ code: ExposureVerificationCode, hash: [UInt8], sealed: [UInt8]?) async throws -> Bool {
        try await session.run(
            """
            INSERT INTO exposure_verification_codes
                (code_hash, code_sealed, result_id, test_type, test_date, symptom_date, created_at, expires_at)
            VALUES (\(Bytea(hash)), \(sealed.map(Bytea.init)), \(code.resultId), \(code.diagnosis?.testType.rawValue),
                \(code.diagnosis?.testDate), \(code.diagnosis?.symptomDate), \(code.createdAt), \(code.expiresAt))
            ON CONFLICT (code_hash) WHERE consumed_at IS NULL AND cancelled_at IS NULL DO NOTHING RETURNING 1
            """) == 1
    }

    func cancelVerificationCodes(resultID: String, at now: Timestamp) async throws {
        try await session.run(
            """
            UPDATE exposure_verification_codes SET cancelled_at = \(now), code_sealed = NULL
            WHERE result_id = \(resultID) AND consumed_at IS NULL AND cancelled_at IS NULL
            """)
    }

    func consumeVerificationCode(hash: [UInt8], at now: Timestamp, retryTag: [UInt8], retryUntil: Timestamp)
        async throws -> UsedVerificationCode?
    {
        try await session.first(
            """
            UPDATE exposure_verification_codes
            SET consumed_at = \(now.roundedDown(to: Timestamp.hourSeconds)), code_sealed = NULL,
                retry_tag = \(Bytea(retryTag)), retry_until = \(retryUntil)
            WHERE code_hash = \(Bytea(hash)) AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > \(now)
            RETURNING \(unescaped: Self.usedCodeColumns)
            """, Self.usedCode)
    }

    func retriableVerificationCode(hash: [UInt8], at now: Timestamp) async throws -> UsedVerificationCode? {
        try await session.first(
            """
            SELECT \(unescaped: Self.usedCodeColumns) FROM exposure_verification_codes
            WHERE code_hash = \(Bytea(hash)) AND retry_tag IS NOT NULL AND retry_until > \(now) AND cancelled_at IS NULL
            ORDER BY retry_until DESC LIMIT 1
            """, Self.usedCode)
    }

    func markVerificationCodeRetried(hash: [UInt8], retryTag: [UInt8]) async throws -> Bool {
        try await session.run(
            """
            UPDATE exposure_verification_codes SET retried = true
            WHERE code_hash = \(Bytea(hash)) AND retry_tag = \(Bytea(retryTag)) RETURNING 1
            """) == 1
    }

    func verificationCodeHasExpired(hash: [UInt8], at now: Timestamp) async throws -> Bool {
        try await session.first(
            """
            SELECT 1 FROM exposure_verification_codes
            WHERE code_hash = \(Bytea(hash)) AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at <= \(now)
            """
        ) { _ in true } ?? false
    }

    /// The columns ``usedCode(_:)`` reads, in its order.
    private static let usedCodeColumns = "result_id, test_type, test_date, symptom_date, retry_tag, retry_until"

    private static func usedCode(_ row: PostgresRow) throws -> UsedVerificationCode {
        let (resultID, testType, testDate, symptomDate, retryTag, retryUntil) = try row.decode(
            (String?, String?, CalendarDate?, CalendarDate?, Bytea, Timestamp).self)
        let diagnosis = try testType.map { type in
            guard let testDate else { throw StoreError("an operator's exposure code has no test date") }
            return VerifiedDiagnosis(
                testType: try VerificationClaims.TestType(stored: type), testDate: testDate,
                symptomDate: symptomDate)
        }
        return UsedVerificationCode(
            resultId: resultID, diagnosis: diagnosis, retryTag: retryTag.bytes, retryUntil: retryUntil)
    }

    func releaseVerificationCode(hash: [UInt8], retryTag: [UInt8], sealed: [UInt8]) async throws -> Bool {
        try await session.run(
            """
            UPDATE exposure_verification_codes
            SET consumed_at = NULL, retry_tag = NULL, retry_until = NULL,
                code_sealed = CASE WHEN result_id IS NULL THEN NULL ELSE \(Bytea(sealed)) END
            WHERE code_hash = \(Bytea(hash)) AND retry_tag = \(Bytea(retryTag)) AND NOT retried RETURNING 1
            """) == 1
    }

    func verificationCodesInClear(at now: Timestamp) async throws -> [(id: Int64, code: String, isShown: Bool)] {
        try await session.all(
            """
            SELECT id, code,
                result_id IS NOT NULL AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > \(now)
            FROM exposure_verification_codes WHERE code IS NOT NULL
            """
        ) { row in
            let (id, code, isShown) = try row.decode((Int64, String, Bool).self)
            return (id: id, code: code, isShown: isShown)
        }
    }

    func sealVerificationCode(id: Int64, hash: [UInt8], sealed: [UInt8]?) async throws {
        try await session.run(
            """
            UPDATE exposure_verification_codes SET code = NULL, code_hash = \(Bytea(hash)),
                code_sealed = \(sealed.map(Bytea.init))
            WHERE id = \(id) AND code IS NOT NULL
            """)
    }

    func verificationCodeCountsByDay() async throws -> [(day: String, issued: Int, used: Int)] {
        try await session.all(
            """
            SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS utc_day, sum(issued)::bigint, sum(used)::bigint
            FROM (
                SELECT created_at AS day, 1 AS issued, 0 AS used FROM exposure_verification_codes
                UNION ALL
                SELECT consumed_at, 0, 1 FROM exposure_verification_codes WHERE consumed_at IS NOT NULL
            ) AS events GROUP BY utc_day ORDER BY utc_day
            """
        ) { row in
            let (day, issued, used) = try row.decode((String, Int, Int).self)
            return (day: day, issued: issued, used: used)
        }
    }
}
