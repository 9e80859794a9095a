/// A published TEK with its validity and the diagnosis facts that travel with it (the export format's
/// `TemporaryExposureKey` message).
///
/// The initializer enforces the structural rules of the reference key server; the upload rules (alignment,
/// upload time, the other keys of a batch) live in ``DiagnosisKeyValidator``.
public struct DiagnosisKey: Hashable, Sendable {
    /// Longest rolling period: one UTC day of 10-minute intervals.
    public static let maximumRollingPeriod = 144
    /// Transmission risk levels the reference server accepts.
    public static let transmissionRiskRange = 0...8
    /// Days since onset of symptoms the reference server accepts.
    public static let daysSinceOnsetRange = -14...14

    public let key: TemporaryExposureKey
    public let rollingStartIntervalNumber: ENIntervalNumber
    /// Number of 10-minute intervals the key was used for (1...144).
    public let rollingPeriod: Int
    public let transmissionRiskLevel: Int
    public let reportType: ReportType
    public let daysSinceOnsetOfSymptoms: Int?

    /// A key after the structural checks: period 1...144, risk 0...8, days since onset −14...14. Published
    /// exports hold full-day keys that do not start at midnight, so alignment is an upload rule
    /// (``DiagnosisKeyValidator``).
    public init(
        key: TemporaryExposureKey,
        rollingStartIntervalNumber: ENIntervalNumber,
        rollingPeriod: Int = DiagnosisKey.maximumRollingPeriod,
        transmissionRiskLevel: Int = 0,
        reportType: ReportType = .unknown,
        daysSinceOnsetOfSymptoms: Int? = nil
    ) throws {
        guard (1...Self.maximumRollingPeriod).contains(rollingPeriod) else {
            throw ContactTracingError(.invalidRollingPeriod, "rolling period \(rollingPeriod) is not 1...144")
        }
        guard UInt64(rollingStartIntervalNumber.rawValue) + UInt64(rollingPeriod) <= UInt64(Int32.max) else {
            throw ContactTracingError(.invalidIntervalNumber, "key ends past the 31-bit interval range")
        }
        guard Self.transmissionRiskRange.contains(transmissionRiskLevel) else {
            throw ContactTracingError(
                .invalidTransmissionRisk, "transmission risk \(transmissionRiskLevel) is not 0...8")
        }
        if let days = daysSinceOnsetOfSymptoms, !Self.daysSinceOnsetRange.contains(days) {
            throw ContactTracingError(.invalidDaysSinceOnset, "days since onset \(days) is not -14...14")
        }
        self.key = key
        self.rollingStartIntervalNumber = rollingStartIntervalNumber
        self.rollingPeriod = rollingPeriod
        self.transmissionRiskLevel = transmissionRiskLevel
        self.reportType = reportType
        self.daysSinceOnsetOfSymptoms = daysSinceOnsetOfSymptoms
    }

    /// The first interval after the key's validity.
    public var rollingEnd: UInt32 { rollingStartIntervalNumber.rawValue + UInt32(rollingPeriod) }

    /// Whether the key was valid in `interval`.
    public func covers(_ interval: ENIntervalNumber) -> Bool {
        interval >= rollingStartIntervalNumber && interval.rawValue < rollingEnd
    }
}
