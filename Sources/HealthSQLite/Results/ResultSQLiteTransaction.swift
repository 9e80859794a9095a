import ContactTracing
import HealthServices

/// ``ResultTransaction`` on one connection: tables `lab_results` and `lab_result_history`.
struct ResultSQLiteTransaction: ResultTransaction {
    let connection: SQLiteConnection

    static let resultColumns = """
        id, lab, sample_id, person_id, test, result, sampled_at, resulted_at, appointment_id, version, created_at,
        updated_at, device
        """

    static func labResult(_ row: SQLiteRow) throws -> LabResult {
        LabResult(
            id: try row.get(0), lab: try row.get(1), sampleId: try row.get(2), personId: try row.get(3),
            test: try row.get(4), state: try row.get(5), sampledAt: try row.get(6), device: try row.get(12),
            resultedAt: try row.get(7),
            appointmentId: try row.get(8), version: try row.get(9), createdAt: try row.get(10),
            updatedAt: try row.get(11)
        )
    }

    func labResults(lab: String, sampleIDs: [String]) throws -> [LabResult] {
        guard !sampleIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.resultColumns) FROM lab_results
            WHERE lab = ? AND sample_id IN (\(SQLiteConnection.placeholders(sampleIDs.count)))
            """,
            arguments: [lab] + sampleIDs, row: Self.labResult)
    }

    func labResult(id: String) throws -> LabResult? {
        try connection.queryFirst("SELECT \(Self.resultColumns) FROM lab_results WHERE id = ?", id, row: Self.labResult)
    }

    func labResults(ofPeople personIDs: [String]) throws -> [LabResult] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.resultColumns) FROM lab_results WHERE person_id IN (\(SQLiteConnection.placeholders(personIDs.count)))
            ORDER BY sampled_at DESC, id
            """,
            arguments: personIDs, row: Self.labResult)
    }

    func states(resultIDs: [String], before instant: Timestamp) throws -> [String: LabResult.State] {
        guard !resultIDs.isEmpty else { return [:] }
        let rows = try connection.query(
            """
            SELECT h.result_id, h.result FROM lab_result_history h
            WHERE h.result_id IN (\(SQLiteConnection.placeholders(resultIDs.count))) AND h.version = (
                SELECT max(version) FROM lab_result_history WHERE result_id = h.result_id AND recorded_at < ?)
            """,
            arguments: resultIDs + [instant.iso8601]
        ) { row in (try row.get(0, as: String.self), try row.get(1, as: LabResult.State.self)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func insert(_ result: LabResult, recordedBy: String) throws {
        try connection.run(
            "INSERT INTO lab_results (\(Self.resultColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            result.id, result.lab, result.sampleId, result.personId, result.test.rawValue, result.state.rawValue,
            result.sampledAt, result.resultedAt, result.appointmentId, result.version, result.createdAt,
            result.updatedAt, result.device)
        try appendHistory(of: result, recordedBy: recordedBy)
    }

    func update(_ result: LabResult, recordedBy: String) throws {
        try connection.run(
            """
            UPDATE lab_results SET result = ?, sampled_at = ?, resulted_at = ?, device = ?, version = ?, updated_at = ?
            WHERE id = ?
            """,
            result.state.rawValue, result.sampledAt, result.resultedAt, result.device, result.version, result.updatedAt,
            result.id)
        try appendHistory(of: result, recordedBy: recordedBy)
    }

    private func appendHistory(of result: LabResult, recordedBy: String) throws {
        try connection.run(
            """
            INSERT INTO lab_result_history
                (result_id, version, result, sampled_at, resulted_at, device, recorded_by, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            result.id, result.version, result.state.rawValue, result.sampledAt, result.resultedAt, result.device,
            recordedBy, result.updatedAt)
    }
}
