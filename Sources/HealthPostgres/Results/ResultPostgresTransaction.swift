import ContactTracing
import HealthServices
import PostgresNIO

/// ``ResultTransaction`` on one PostgreSQL transaction: tables `lab_results` and `lab_result_history`.
struct ResultPostgresTransaction: ResultTransaction {
    let session: PostgresSession

    static let resultColumns = """
        id, lab, sample_id, person_id, test, result, sampled_at, resulted_at, appointment_id, version, created_at,
        updated_at, device
        """

    static func labResult(_ row: PostgresRow) throws -> LabResult {
        let (
            id, lab, sampleID, personID, test, state, sampledAt, resultedAt, appointmentID, version, createdAt,
            updatedAt, device
        ) =
            try row.decode(
                (
                    String, String, String, String, String, String, Timestamp, Timestamp?, String?, Int, Timestamp,
                    Timestamp, String?
                ).self)
        return LabResult(
            id: id, lab: lab, sampleId: sampleID, personId: personID, test: try LabResult.Test(stored: test),
            state: try LabResult.State(stored: state), sampledAt: sampledAt, device: device, resultedAt: resultedAt,
            appointmentId: appointmentID, version: version, createdAt: createdAt, updatedAt: updatedAt)
    }

    func labResults(lab: String, sampleIDs: [String]) async throws -> [LabResult] {
        guard !sampleIDs.isEmpty else { return [] }
        return try await session.all(SQL.ResultsBySample.self, lab, sampleIDs, row: Self.labResult)
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

    func states(resultIDs: [String], before instant: Timestamp) async throws -> [String: LabResult.State] {
        guard !resultIDs.isEmpty else { return [:] }
        let rows = try await session.all(
            """
            SELECT DISTINCT ON (result_id) result_id, result FROM lab_result_history
            WHERE result_id = ANY(\(resultIDs)) AND recorded_at < \(instant)
            ORDER BY result_id, version DESC
            """
        ) { row in
            let (id, state) = try row.decode((String, String).self)
            return (id, try LabResult.State(stored: state))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func insert(_ result: LabResult, recordedBy: String) async throws {
        try await session.run(
            SQL.Insert.self, result.id, result.lab, result.sampleId, result.personId, result.test.rawValue,
            result.state.rawValue, result.sampledAt, result.resultedAt, result.appointmentId, result.version,
            result.createdAt, result.updatedAt, result.device, recordedBy)
    }

    func update(_ result: LabResult, recordedBy: String) async throws {
        try await session.run(
            SQL.Update.self, result.id, result.state.rawValue, result.sampledAt, result.resultedAt, result.version,
            result.updatedAt, result.device, recordedBy)
    }

    /// The statements of every lab upload, prepared once per connection. A result and its history row are written
    /// by one statement: the history's key on the result is checked at the statement's end, when the result exists.
    /// Versions are cast from the `Int` bound (8 bytes) to the `integer` columns.
    enum SQL {
        enum ResultsBySample: PreparedSQL {
            static let sql = """
                SELECT \(ResultPostgresTransaction.resultColumns) FROM lab_results
                WHERE lab = $1 AND sample_id = ANY($2)
                """
        }
        enum Insert: PreparedSQL {
            static let sql = """
                WITH result AS (
                    INSERT INTO lab_results (\(ResultPostgresTransaction.resultColumns))
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bigint, $11, $12, $13)
                )
                INSERT INTO lab_result_history (result_id, version, result, sampled_at, resulted_at, device,
                    recorded_by, recorded_at)
                VALUES ($1, $10::bigint, $6, $7, $8, $13, $14, $12)
                """
        }
        enum Update: PreparedSQL {
            static let sql = """
                WITH result AS (
                    UPDATE lab_results SET result = $2, sampled_at = $3, resulted_at = $4, version = $5::bigint,
                        updated_at = $6, device = $7
                    WHERE id = $1
                )
                INSERT INTO lab_result_history (result_id, version, result, sampled_at, resulted_at, device,
                    recorded_by, recorded_at)
                VALUES ($1, $5::bigint, $2, $3, $4, $7, $8, $6)
                """
        }
    }
}
