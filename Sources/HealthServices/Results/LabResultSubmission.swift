/// One result as a lab reports it, checked field by field: what the HTTP batch and the file import both feed to
/// ``ResultService``.
public struct LabResultSubmission: Sendable, Hashable {
    public let sampleId: String
    public let nationalId: NationalID
    public let test: LabResult.Test
    public let result: LabResult.State
    public let sampledAt: Timestamp
    public let resultedAt: Timestamp?
    /// The rapid antigen test device; see ``LabResult/device``.
    public let device: String?

    /// The longest sample id accepted.
    static let maxSampleIDLength = 64
    /// The longest device id accepted: the EU's list numbers its devices (`1232`, `2130`).
    static let maxDeviceLength = 16

    /// Checks the reported values; `resultedAt` may be absent only while the result is pending, and `device` is
    /// given for rapid antigen tests only.
    public init(
        sampleId: String, nationalId: String, test: String, result: String, sampledAt: String, resultedAt: String?,
        device: String? = nil
    ) throws(ServiceError) {
        guard (1...Self.maxSampleIDLength).contains(sampleId.utf8.count),
            sampleId.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw ServiceError(
                .invalidSampleID, "sampleId must be 1 to \(Self.maxSampleIDLength) visible ASCII characters.")
        }
        let nationalID = try NationalID.checked(nationalId)
        guard let testKind = LabResult.Test(rawValue: test) else {
            throw ServiceError(.invalidTest, "test must be pcr or rapid-antigen.")
        }
        guard let state = LabResult.State(rawValue: result) else {
            throw ServiceError(.invalidResult, "result must be negative, positive, invalid or pending.")
        }
        guard let sampled = Timestamp(iso8601: sampledAt) else {
            throw ServiceError(.invalidTimestamp, "sampledAt must be an ISO 8601 date-time with a zone.")
        }
        var resulted: Timestamp?
        if let resultedAt {
            guard let value = Timestamp(iso8601: resultedAt) else {
                throw ServiceError(.invalidTimestamp, "resultedAt must be an ISO 8601 date-time with a zone.")
            }
            guard value >= sampled else {
                throw ServiceError(.resultBeforeSample, "resultedAt is before sampledAt.")
            }
            resulted = value
        } else if state != .pending {
            throw ServiceError(.missingField, "resultedAt is required unless the result is pending.")
        }
        if let device {
            guard testKind == .rapidAntigen else {
                throw ServiceError(.invalidDevice, "device is given for rapid-antigen tests only.")
            }
            guard (1...Self.maxDeviceLength).contains(device.utf8.count), device.isASCIIDigits else {
                throw ServiceError(
                    .invalidDevice,
                    "device must be the test's id in the EU list of rapid antigen tests: 1 to \(Self.maxDeviceLength) digits."
                )
            }
        }
        self.sampleId = sampleId
        self.nationalId = nationalID
        self.test = testKind
        self.result = state
        self.sampledAt = sampled
        self.resultedAt = resulted
        self.device = device
    }

    /// Refuses a sample taken before 2020 or before the person was born: a year typed wrong (2016 for 2026), which
    /// for a positive would open a case already over, with no isolation, no code and no certificate.
    func checkPlausible(bornOn dateOfBirth: CalendarDate) throws(ServiceError) {
        let day = sampledAt.civilDate
        guard day >= .earliestCovidRecord, day >= dateOfBirth else {
            throw ServiceError(
                .implausibleSampleDate,
                "sampledAt cannot be before the person was born, nor before 2020 (check the year).")
        }
    }

    /// Refuses times after `now` (with a few minutes for clock skew between the lab and us).
    func checkNotInFuture(now: Timestamp) throws(ServiceError) {
        let latest = now.adding(seconds: Self.allowedClockSkewSeconds)
        guard sampledAt <= latest, (resultedAt ?? sampledAt) <= latest else {
            throw ServiceError(.dateInFuture, "sampledAt and resultedAt cannot be in the future.")
        }
    }

    static let allowedClockSkewSeconds: Int64 = 300
}

extension ServiceError.Code {
    public static let invalidSampleID = Self("invalid-sample-id", .invalidInput)
    public static let invalidTest = Self("invalid-test", .invalidInput)
    public static let invalidResult = Self("invalid-result", .invalidInput)
    public static let invalidDevice = Self("invalid-device", .invalidInput)
    public static let resultBeforeSample = Self("result-before-sample", .unprocessable)
    public static let dateInFuture = Self("date-in-future", .unprocessable)
}
