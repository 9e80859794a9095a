/// Why a key was published (the export format's `TemporaryExposureKey.ReportType`).
public enum ReportType: Int, CaseIterable, Hashable, Sendable, Codable {
    case unknown = 0
    case confirmedTest = 1
    case confirmedClinicalDiagnosis = 2
    case selfReport = 3
    case recursive = 4
    case revoked = 5

    /// The report type with wire value `value`, or an `invalidReportType` error.
    public init(validating value: Int) throws {
        guard let type = ReportType(rawValue: value) else {
            throw ContactTracingError(.invalidReportType, "report type \(value) is not 0...5")
        }
        self = type
    }

    /// The name used in JSON configuration and output.
    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .confirmedTest: "confirmedTest"
        case .confirmedClinicalDiagnosis: "confirmedClinicalDiagnosis"
        case .selfReport: "selfReport"
        case .recursive: "recursive"
        case .revoked: "revoked"
        }
    }
}
