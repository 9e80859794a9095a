import ContactTracing
import HealthServices

/// ``VerificationCodeTransaction`` on one connection: table `exposure_verification_codes`.
struct VerificationCodeSQLiteTransaction: VerificationCodeTransaction {
    let connection: SQLiteConnection

    func openVerificationCode(resultID: String, at now: Timestamp) throws -> SealedVerificationCode? {
        try connection.queryFirst(
            """
            SELECT code_hash, code_sealed, created_at, expires_at FROM exposure_verification_codes
            WHERE result_id = ? AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?
                AND code_sealed IS NOT NULL
            ORDER BY id DESC LIMIT 1
            """,
            resultID, now
        ) { row in
            SealedVerificationCode(
                hash: try row.get(0), sealed: try row.get(1), createdAt: try row.get(2), expiresAt: try row.get(3))
        }
    }

    func insert(_ code: ExposureVerificationCode, hash: [UInt8], sealed: [UInt8]?) throws -> Bool {
        try connection.run(
            """
            INSERT INTO exposure_verification_codes
                (code_hash, code_sealed, result_id, test_type, test_date, symptom_date, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code_hash) WHERE consumed_at IS NULL AND cancelled_at IS NULL DO NOTHING
            """,
            hash, sealed, code.resultId, code.diagnosis?.testType.rawValue, code.diagnosis?.testDate.iso8601,
            code.diagnosis?.symptomDate?.iso8601, code.createdAt, code.expiresAt) == 1
    }

    func cancelVerificationCodes(resultID: String, at now: Timestamp) throws {
        try connection.run(
            """
            UPDATE exposure_verification_codes SET cancelled_at = ?, code_sealed = NULL
            WHERE result_id = ? AND consumed_at IS NULL AND cancelled_at IS NULL
            """,
            now, resultID)
    }

    func consumeVerificationCode(hash: [UInt8], at now: Timestamp, retryTag: [UInt8], retryUntil: Timestamp) throws
        -> UsedVerificationCode?
    {
        try connection.queryFirst(
            """
            UPDATE exposure_verification_codes SET consumed_at = ?1, code_sealed = NULL, retry_tag = ?3, retry_until = ?4
            WHERE code_hash = ?2 AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?5
            RETURNING \(Self.usedCodeColumns)
            """,
            now.roundedDown(to: Timestamp.hourSeconds), hash, retryTag, retryUntil, now, row: Self.usedCode)
    }

    func retriableVerificationCode(hash: [UInt8], at now: Timestamp) throws -> UsedVerificationCode? {
        try connection.queryFirst(
            """
            SELECT \(Self.usedCodeColumns) FROM exposure_verification_codes
            WHERE code_hash = ? AND retry_tag IS NOT NULL AND retry_until > ? AND cancelled_at IS NULL
            ORDER BY retry_until DESC LIMIT 1
            """,
            hash, now, row: Self.usedCode)
    }

    func markVerificationCodeRetried(hash: [UInt8], retryTag: [UInt8]) throws -> Bool {
        try connection.run(
            "UPDATE exposure_verification_codes SET retried = 1 WHERE code_hash = ? AND retry_tag = ?", hash, retryTag)
            == 1
    }

    func verificationCodeHasExpired(hash: [UInt8], at now: Timestamp) throws -> Bool {
        try connection.queryFirst(
            """
            SELECT 1 FROM exposure_verification_codes
            WHERE code_hash = ? AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at <= ?
            """,
            hash, now
        ) { _ in true } ?? false
    }

    /// The columns ``usedCode(_:)`` reads, in its order.
    private static let usedCodeColumns = "result_id, test_type, test_date, symptom_date, retry_tag, retry_until"

    private static func usedCode(_ row: SQLiteRow) throws -> UsedVerificationCode {
        let diagnosis = try row.get(1, as: String?.self).map { type in
            VerifiedDiagnosis(
                testType: try Self.required(VerificationClaims.TestType(rawValue: type)),
                testDate: try Self.required(CalendarDate(iso8601: try row.get(2, as: String.self))),
                symptomDate: try row.get(3, as: String?.self).map { try Self.required(CalendarDate(iso8601: $0)) })
        }
        return UsedVerificationCode(
            resultId: try row.get(0), diagnosis: diagnosis, retryTag: try row.get(4), retryUntil: try row.get(5))
    }

    func releaseVerificationCode(hash: [UInt8], retryTag: [UInt8], sealed: [UInt8]) throws -> Bool {
        try connection.run(
            """
            UPDATE exposure_verification_codes
            SET consumed_at = NULL, retry_tag = NULL, retry_until = NULL,
                code_sealed = CASE WHEN result_id IS NULL THEN NULL ELSE ? END
            WHERE code_hash = ? AND retry_tag = ? AND retried = 0
            """,
            sealed, hash, retryTag) == 1
    }

    func verificationCodesInClear(at now: Timestamp) throws -> [(id: Int64, code: String, isShown: Bool)] {
        try connection.query(
            """
            SELECT id, code, result_id IS NOT NULL AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?
            FROM exposure_verification_codes WHERE code IS NOT NULL
            """,
            now
        ) { (id: try $0.get(0), code: try $0.get(1), isShown: try $0.get(2)) }
    }

    func sealVerificationCode(id: Int64, hash: [UInt8], sealed: [UInt8]?) throws {
        try connection.run(
            """
            UPDATE exposure_verification_codes SET code = NULL, code_hash = ?, code_sealed = ?
            WHERE id = ? AND code IS NOT NULL
            """,
            hash, sealed, id)
    }

    func verificationCodeCountsByDay() throws -> [(day: String, issued: Int, used: Int)] {
        try connection.query(
            """
            SELECT day, sum(issued), sum(used) FROM (
                SELECT substr(created_at, 1, 10) AS day, 1 AS issued, 0 AS used FROM exposure_verification_codes
                UNION ALL
                SELECT substr(consumed_at, 1, 10), 0, 1 FROM exposure_verification_codes WHERE consumed_at IS NOT NULL
            ) GROUP BY day ORDER BY day
            """
        ) { (day: try $0.get(0), issued: try $0.get(1), used: try $0.get(2)) }
    }

    /// A stored value that must parse; nil means code and schema disagree.
    private static func required<T>(_ value: T?) throws -> T {
        guard let value else { throw SQLiteError.misuse("exposure_verification_codes holds an unreadable value") }
        return value
    }
}
