/// What the result services read and change of lab results inside a record transaction.
///
/// Isolation a backend must give: a lab's sample id is unique per lab (a constraint, so two uploads of one sample
/// cannot both insert).
public protocol ResultTransaction {
    /// The lab's results under these sample ids (at most one each, a unique constraint), those it has sent, in no
    /// order: a stretch of a batch at once, a few hundred ids. Read without a lock: two corrections of one version
    /// collide on the history's key (result and version), and on PostgreSQL the loser's write runs again on the new
    /// version.
    func labResults(lab: String, sampleIDs: [String]) async throws -> [LabResult]
    /// The result with this id, at its latest version; nil when there is none.
    func labResult(id: String) async throws -> LabResult?
    /// The people's results at their latest versions, newest sample first; empty for no ids.
    func labResults(ofPeople personIDs: [String]) async throws -> [LabResult]
    /// What each of these results was just before `instant`: the state of its latest version recorded earlier; a
    /// result with no version before then is left out.
    func states(resultIDs: [String], before instant: Timestamp) async throws -> [String: LabResult.State]
    /// Stores a new result and the first version of its history.
    func insert(_ result: LabResult, recordedBy: String) async throws
    /// Stores a corrected result and adds its new version to the history.
    func update(_ result: LabResult, recordedBy: String) async throws
}
