/// A lab's result for one sample as it stands now; corrections raise `version` and keep the earlier ones in the
/// result's history.
public struct LabResult: Sendable, Hashable, Codable {
    /// The kind of test, named as the catalogue's test services are.
    public enum Test: String, Sendable, Hashable, Codable, CaseIterable {
        case pcr
        case rapidAntigen = "rapid-antigen"
    }

    /// What the lab found: `pending` until it reports, then `negative`, `positive` or `invalid` (no reading). Stored in
    /// `lab_results.result` and shown as `result` in the API's JSON. Only negatives and positives set anything off
    /// (certificates, a verification code, a case); pending and invalid results count for nothing in the health status.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case pending
        case negative
        case positive
        case invalid
    }

    public let id: String
    /// The submitting lab: the name of its staff token.
    public let lab: String
    /// The lab's own sample id; unique per lab.
    public let sampleId: String
    public let personId: String
    public let test: Test
    public let state: State
    public let sampledAt: Timestamp
    /// The rapid antigen test device (`ma` of a test certificate: its id in the EU's list of rapid antigen tests,
    /// value set `covid-19-lab-test-manufacturer-and-name`); nil for PCR, and for a rapid antigen result whose lab
    /// has not said it yet.
    public let device: String?
    /// When the lab reported the result; nil while pending.
    public let resultedAt: Timestamp?
    /// The test appointment the sample was taken at, when there was one.
    public let appointmentId: String?
    public let version: Int
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    package init(
        id: String,
        lab: String,
        sampleId: String,
        personId: String,
        test: Test,
        state: State,
        sampledAt: Timestamp,
        device: String? = nil,
        resultedAt: Timestamp?,
        appointmentId: String?,
        version: Int,
        createdAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.id = id
        self.lab = lab
        self.sampleId = sampleId
        self.personId = personId
        self.test = test
        self.state = state
        self.sampledAt = sampledAt
        self.device = device
        self.resultedAt = resultedAt
        self.appointmentId = appointmentId
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, lab, sampleId, personId, test
        case state = "result"
        case sampledAt, device, resultedAt, appointmentId, version, createdAt, updatedAt
    }

    /// This result after a correction to `submission`'s values. A submission that names no device keeps the one
    /// recorded (a lab's CSV without the column does not take it back).
    func corrected(to submission: LabResultSubmission, at now: Timestamp) -> LabResult {
        LabResult(
            id: id, lab: lab, sampleId: sampleId, personId: personId, test: test, state: submission.result,
            sampledAt: submission.sampledAt, device: submission.device ?? device, resultedAt: submission.resultedAt,
            appointmentId: appointmentId, version: version + 1, createdAt: createdAt, updatedAt: now
        )
    }

    /// Refuses a submission older than this result, which would undo what it set off (a case, its isolation, its
    /// certificates): a pending status after a reported result, or a report resulted before this one. A lab's retry
    /// of an earlier batch arriving late is such a one. To withdraw a reported result, a lab reports it `invalid`.
    func checkSuperseded(by submission: LabResultSubmission) throws(ServiceError) {
        if submission.result == .pending, state != .pending {
            throw ServiceError(
                .staleResult,
                "This sample's result is reported already; pending cannot replace it (report it invalid to withdraw it)."
            )
        }
        if let resultedAt, let submitted = submission.resultedAt, submitted < resultedAt {
            throw ServiceError(
                .staleResult,
                "A later report of this sample is recorded (resulted at \(resultedAt.iso8601)); a correction is resulted "
                    + "after it.")
        }
    }

    /// Whether `submission` states what this result holds but for the time it was reported.
    func differsOnlyInResultTime(from submission: LabResultSubmission) -> Bool {
        hasSameReading(as: submission) && resultedAt != submission.resultedAt
    }

    /// Whether `submission` states exactly what this result holds (a repeat, not a correction).
    func matches(_ submission: LabResultSubmission) -> Bool {
        hasSameReading(as: submission) && resultedAt == submission.resultedAt
    }

    /// The same result, sample time and device; no device named is the recorded one.
    private func hasSameReading(as submission: LabResultSubmission) -> Bool {
        state == submission.result && sampledAt == submission.sampledAt && (submission.device ?? device) == device
    }
}
