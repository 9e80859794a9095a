import ContactTracing
import HealthServices
import PostgresNIO

/// ``ResultTransaction`` on one PostgreSQL transaction: tables `lab_results` and `lab_result_history`.
struct ResultPostgresTransaction: ResultTransaction {
    let session: PostgresSession

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
            id: id, lab: lab, sampleId: sampleID, personId: personID, test: try LabResult.Test(stored: test),
            state: try LabResult.State(stored: state), sampledAt: sampledAt, resultedAt: resultedAt,
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
}
