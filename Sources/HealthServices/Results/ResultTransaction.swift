/// What the result services read and change of lab results inside a record transaction.
///
/// Isolation a backend must give: a lab's sample id is unique per lab (a constraint, so two uploads of one sample
/// cannot both insert).
public protocol ResultTransaction {
    func labResult(lab: String, sampleID: String) async throws -> LabResult?
    func labResult(id: String) async throws -> LabResult?
    func labResults(ofPeople personIDs: [String]) async throws -> [LabResult]
    /// Stores a new result and the first version of its history.
    func insert(_ result: LabResult, recordedBy: String) async throws
    /// Stores a corrected result and adds its new version to the history.
    func update(_ result: LabResult, recordedBy: String) async throws
}
