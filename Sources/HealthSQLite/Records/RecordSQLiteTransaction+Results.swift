import ContactTracing
import HealthServices

extension RecordSQLiteTransaction {
    static let resultColumns = """
        id, lab, sample_id, person_id, test, result, sampled_at, resulted_at, appointment_id, version, created_at,
        updated_at
        """

    static func labResult(_ row: SQLiteRow) throws -> LabResult {
        LabResult(
            id: try row.get(0), lab: try row.get(1), sampleId: try row.get(2), personId: try row.get(3),
            test: try row.get(4), state: try row.get(5), sampledAt: try row.get(6), resultedAt: try row.get(7),
            appointmentId: try row.get(8), version: try row.get(9), createdAt: try row.get(10),
            updatedAt: try row.get(11)
        )
    }

    func labResult(lab: String, sampleID: String) throws -> LabResult? {
        try connection.queryFirst(
            "SELECT \(Self.resultColumns) FROM lab_results WHERE lab = ? AND sample_id = ?", lab, sampleID,
            row: Self.labResult)
    }

    func labResult(id: String) throws -> LabResult? {
        try connection.queryFirst("SELECT \(Self.resultColumns) FROM lab_results WHERE id = ?", id, row: Self.labResult)
    }

    func labResults(ofPeople personIDs: [String]) throws -> [LabResult] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.resultColumns) FROM lab_results WHERE person_id IN (\(Self.placeholders(personIDs.count)))
            ORDER BY sampled_at DESC, id
            """,
            arguments: personIDs, row: Self.labResult)
    }

    func insert(_ result: LabResult, recordedBy: String) throws {
        try connection.run(
            "INSERT INTO lab_results (\(Self.resultColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            result.id, result.lab, result.sampleId, result.personId, result.test.rawValue, result.state.rawValue,
            result.sampledAt, result.resultedAt, result.appointmentId, result.version, result.createdAt,
            result.updatedAt)
        try appendHistory(of: result, recordedBy: recordedBy)
    }

    func update(_ result: LabResult, recordedBy: String) throws {
        try connection.run(
            """
            UPDATE lab_results SET result = ?, sampled_at = ?, resulted_at = ?, version = ?, updated_at = ?
            WHERE id = ?
            """,
            result.state.rawValue, result.sampledAt, result.resultedAt, result.version, result.updatedAt, result.id)
        try appendHistory(of: result, recordedBy: recordedBy)
    }

    private func appendHistory(of result: LabResult, recordedBy: String) throws {
        try connection.run(
            """
            INSERT INTO lab_result_history (result_id, version, result, sampled_at, resulted_at, recorded_by, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            result.id, result.version, result.state.rawValue, result.sampledAt, result.resultedAt, recordedBy,
            result.updatedAt)
    }

    func openVerificationCode(resultID: String, at now: Timestamp) throws -> ExposureVerificationCode? {
        try connection.queryFirst(
            """
            SELECT code, created_at, expires_at FROM exposure_verification_codes
            WHERE result_id = ? AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?
            ORDER BY id DESC LIMIT 1
            """,
            resultID, now
        ) { row in
            ExposureVerificationCode(
                code: try row.get(0), resultId: resultID, createdAt: try row.get(1), expiresAt: try row.get(2))
        }
    }

    func insert(_ code: ExposureVerificationCode) throws -> Bool {
        try connection.run(
            """
            INSERT INTO exposure_verification_codes
                (code, result_id, test_type, test_date, symptom_date, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code) WHERE consumed_at IS NULL AND cancelled_at IS NULL DO NOTHING
            """,
            code.code, code.resultId, code.diagnosis?.testType.rawValue, code.diagnosis?.testDate.iso8601,
            code.diagnosis?.symptomDate?.iso8601, code.createdAt, code.expiresAt) == 1
    }

    func cancelVerificationCodes(resultID: String, at now: Timestamp) throws {
        try connection.run(
            """
            UPDATE exposure_verification_codes SET cancelled_at = ?
            WHERE result_id = ? AND consumed_at IS NULL AND cancelled_at IS NULL
            """,
            now, resultID)
    }

    func consumeVerificationCode(_ code: String, at now: Timestamp, retryTag: [UInt8]) throws
        -> ExposureVerificationCode?
    {
        try connection.queryFirst(
            """
            UPDATE exposure_verification_codes SET consumed_at = ?1, retry_tag = ?3
            WHERE code = ?2 AND consumed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?1
            RETURNING \(Self.usedCodeColumns)
            """,
            now, code, retryTag
        ) { try Self.usedCode(code, $0) }
    }

    func retriableVerificationCode(_ code: String, usedAfter: Timestamp) throws -> ExposureVerificationCode? {
        try connection.queryFirst(
            """
            SELECT \(Self.usedCodeColumns) FROM exposure_verification_codes
            WHERE code = ? AND retry_tag IS NOT NULL AND consumed_at > ? AND cancelled_at IS NULL
            ORDER BY consumed_at DESC LIMIT 1
            """,
            code, usedAfter
        ) { try Self.usedCode(code, $0) }
    }

    /// The columns ``usedCode(_:_:)`` reads, in its order.
    private static let usedCodeColumns =
        "result_id, test_type, test_date, symptom_date, created_at, expires_at, retry_tag"

    private static func usedCode(_ code: String, _ row: SQLiteRow) throws -> ExposureVerificationCode {
        let diagnosis = try row.get(1, as: String?.self).map { type in
            VerifiedDiagnosis(
                testType: try Self.required(VerificationClaims.TestType(rawValue: type)),
                testDate: try Self.required(CalendarDate(iso8601: try row.get(2, as: String.self))),
                symptomDate: try row.get(3, as: String?.self).map { try Self.required(CalendarDate(iso8601: $0)) })
        }
        return ExposureVerificationCode(
            code: code, resultId: try row.get(0), createdAt: try row.get(4), expiresAt: try row.get(5),
            diagnosis: diagnosis, retryTag: try row.get(6))
    }

    func releaseVerificationCode(_ code: String, consumedAt: Timestamp) throws -> Bool {
        try connection.run(
            """
            UPDATE exposure_verification_codes SET consumed_at = NULL, retry_tag = NULL
            WHERE code = ? AND consumed_at = ?
            """,
            code, consumedAt) == 1
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
