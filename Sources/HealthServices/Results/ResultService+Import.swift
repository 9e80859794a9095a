public import Foundation

extension ResultService {
    /// Imports a lab-result file (CSV or FHIR R4 Bundle, told apart by content) in one transaction: whole or
    /// not at all, unless `skipInvalid`, when the good rows are kept and the bad ones reported.
    public func importFile(
        _ data: Data,
        from lab: String?,
        by principal: Principal,
        skipInvalid: Bool,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> ResultImportReport {
        let rows = try LabResultFileFormat.read(data)
        guard !rows.isEmpty else { throw ServiceError(.emptyBatch, "The file holds no results.") }
        let items = rows.map { row in
            row.fields.flatMap { fields in
                Result { () throws(ServiceError) in
                    try LabResultSubmission(
                        sampleId: fields.sampleId, nationalId: fields.nationalId, test: fields.test,
                        result: fields.result, sampledAt: fields.sampledAt, resultedAt: fields.resultedAt,
                        device: fields.device)
                }
            }
        }
        let total = rows.count
        let outcomes: [LabResultOutcome]
        let imported: Bool
        do {
            outcomes = try await submit(
                items, from: lab, by: principal, allOrNothing: !skipInvalid, progress: { progress?($0, total) })
            imported = true
        } catch let rejected as ResultBatchRejected {
            outcomes = rejected.outcomes
            imported = false
        }
        return ResultImportReport(rows: rows, outcomes: outcomes, imported: imported)
    }
}

/// What an import did: counts by outcome, and each refused row with its place in the file and its reason.
public struct ResultImportReport: Sendable, Hashable, Codable {
    /// A refused row.
    public struct Problem: Sendable, Hashable, Codable {
        public let line: Int
        public let location: String
        public let sampleId: String?
        public let code: String
        public let detail: String
    }

    /// False when a bad row rolled the whole file back (without `--skip-invalid`).
    public let imported: Bool
    public let rows: Int
    public let created: Int
    public let unchanged: Int
    public let corrected: Int
    public let rejected: Int
    public let problems: [Problem]

    init(rows: [LabResultImportRow], outcomes: [LabResultOutcome], imported: Bool) {
        func count(_ status: LabResultOutcome.Status) -> Int {
            imported ? outcomes.count { $0.status == status } : 0
        }
        self.imported = imported
        self.rows = rows.count
        created = count(.created)
        unchanged = count(.unchanged)
        corrected = count(.corrected)
        rejected = outcomes.count { $0.status == .rejected }
        problems = outcomes.compactMap { outcome in
            guard let error = outcome.error else { return nil }
            let row = rows[outcome.index]
            return Problem(
                line: row.line, location: row.location, sampleId: outcome.sampleId, code: error.code,
                detail: error.detail)
        }
    }
}
