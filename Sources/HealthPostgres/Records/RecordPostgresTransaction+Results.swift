import ContactTracing
import HealthServices
import PostgresNIO

extension RecordPostgresTransaction {
    static let resultColumns = """
        id, lab, sample_id, person_id, test, result, sampled_at, resulted_at, appointment_id, version, created_at,
        updated_at
        """

    static func labResult(_ row: PostgresRow) throws -> LabResult {
        let (
            id, lab, sampleID, personID, test, state, sampledAt, resultedAt, appointmentID, version, createdAt,
            updatedAt
        ) =
            try row.decode(
                (
                    String, String, String, String, String, String, Timestamp, Timestamp?, String?, Int, Timestamp,
                    Timestamp
                ).self)
        return LabResult(
            id: id, lab: lab, sampleId: sampleID, personId: personID, test: try stored(test, as: LabResult.Test.self),
            state: try stored(state, as: LabResult.State.self), sampledAt: sampledAt, resultedAt: resultedAt,
            appointmentId: appointmentID, version: version, createdAt: createdAt, updatedAt: updatedAt)
    }

    func labResult(lab: String, sampleID: String) async throws -> LabResult? {
        try await session.first(
            """
            SELECT \(unescaped: Self.resultColumns) FROM lab_results WHERE lab = \(lab) AND sample_id = \(sampleID)
            """, Self.labResult)
    }

    func labResult(id: String) async throws -> LabResult? {
        try await session.first(
            "SELECT \(unescaped: Self.resultColumns) FROM lab_results WHERE id = \(id)", Self.labResult)
    }

    func labResults(ofPeople personIDs: [String]) async throws -> [LabResult] {
        guard !personIDs.isEmpty else { return [] }
        return try await session.all(
            """
            SELECT \(unescaped: Self.resultColumns) FROM lab_results WHERE person_id = ANY(\(personIDs))
            ORDER BY sampled_at DESC, id
            """, Self.labResult)
    }

    func insert(_ result: LabResult, recordedBy: String) async throws {
        try await session.run(
            """
            INSERT INTO lab_results (\(unescaped: Self.resultColumns))
            VALUES (\(result.id), \(result.lab), \(result.sampleId), \(result.personId), \(result.test.rawValue),
                \(result.state.rawValue), \(result.sampledAt), \(result.resultedAt), \(result.appointmentId),
                \(result.version), \(result.createdAt), \(result.updatedAt))
            """)
        try await appendHistory(of: result, recordedBy: recordedBy)
    }

    func update(_ result: LabResult, recordedBy: String) async throws {
        try await session.run(
            """
            UPDATE lab_results SET result = \(result.state.rawValue), sampled_at = \(result.sampledAt),
                resulted_at = \(result.resultedAt), version = \(result.version), updated_at = \(result.updatedAt)
            WHERE id = \(result.id)
            """)
        try await appendHistory(of: result, recordedBy: recordedBy)
    }

    private func appendHistory(of result: LabResult, recordedBy: String) async throws {
        try await session.run(
            """
            INSERT INTO lab_result_history (result_id, version, result, sampled_at, resulted_at, recorded_by, recorded_at)
            VALUES (\(result.id), \(result.version), \(result.state.rawValue), \(result.sampledAt), \(result.resultedAt),
                \(recordedBy), \(result.updatedAt))
            """)
    }

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
                testType: try Self.stored(type, as: VerificationClaims.TestType.self), testDate: testDate,
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
            WHERE code_hash = \(Bytea(hash)) AND retry_tag = \(Bytea(retryTag)) RETURNING 1
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
