public import ContactTracing

/// What a used verification code vouches for: the kind of diagnosis and its dates, never who it was.
public struct VerifiedDiagnosis: Sendable, Hashable {
    public let testType: VerificationClaims.TestType
    public let testDate: CalendarDate
    /// Known for operator-issued codes that were given one.
    public let symptomDate: CalendarDate?

    public init(testType: VerificationClaims.TestType, testDate: CalendarDate, symptomDate: CalendarDate?) {
        self.testType = testType
        self.testDate = testDate
        self.symptomDate = symptomDate
    }

    /// The diagnosis a positive lab result gives: PCR confirms, a rapid antigen test makes a case likely.
    init(_ result: LabResult) {
        self.init(
            testType: result.test == .pcr ? .confirmed : .likely, testDate: result.sampledAt.date, symptomDate: nil)
    }

    /// The first interval of the UTC day symptoms started, or of the test day when that is unknown.
    var symptomOnsetInterval: UInt32 {
        UInt32(clamping: (symptomDate ?? testDate).daysSinceEpoch * Int64(ENIntervalNumber.intervalsPerDay))
    }
}
