/// The raw text of one lab result as an import file states it, unchecked, named as `LabResultSubmission`
/// takes them: `test` should be `pcr` or `rapid-antigen`, `result` one of `negative`, `positive`, `invalid`,
/// `pending`, and the times ISO 8601 date-times with a zone.
public struct LabResultFields: Sendable, Hashable {
    public var sampleId: String
    public var nationalId: String
    public var test: String
    public var result: String
    public var sampledAt: String
    /// Absent while the result is pending, or when the file leaves it out.
    public var resultedAt: String?
    /// A rapid antigen test's device id, when the file gives it.
    public var device: String?

    public init(
        sampleId: String, nationalId: String, test: String, result: String, sampledAt: String, resultedAt: String?,
        device: String? = nil
    ) {
        self.sampleId = sampleId
        self.nationalId = nationalId
        self.test = test
        self.result = result
        self.sampledAt = sampledAt
        self.resultedAt = resultedAt
        self.device = device
    }
}
