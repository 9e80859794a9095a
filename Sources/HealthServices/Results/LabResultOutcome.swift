/// What happened to one item of a lab batch or import file.
public struct LabResultOutcome: Sendable, Hashable, Codable {
    /// What one item did, as the lab reads it in the answer's `status`. Only a `rejected` item wrote nothing, and an
    /// all-or-nothing batch with one writes nothing at all.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// A new result was recorded.
        case created
        /// The same values were already recorded: a harmless repeat.
        case unchanged
        /// The result changed; the earlier version stays in its history.
        case corrected
        /// Nothing was written for this item; `error` says why.
        case rejected
    }

    /// The refusal of a rejected item.
    public struct Problem: Sendable, Hashable, Codable {
        public let code: String
        public let detail: String
    }

    /// The item's position in the batch, from 0.
    public let index: Int
    public let sampleId: String?
    public let status: Status
    public let resultId: String?
    /// The certificate this item issued (a test or recovery certificate), if any.
    public let certificateId: String?
    /// Why the certificate this item gives waits instead (`name-needs-latin-form`), if it does.
    public let certificateWaiting: String?
    public let error: Problem?

    static func rejected(_ index: Int, sampleId: String?, _ error: ServiceError) -> LabResultOutcome {
        LabResultOutcome(
            index: index, sampleId: sampleId, status: .rejected, resultId: nil, certificateId: nil,
            certificateWaiting: nil, error: Problem(code: error.code.rawValue, detail: error.detail))
    }
}
