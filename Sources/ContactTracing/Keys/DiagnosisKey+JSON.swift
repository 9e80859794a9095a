public import Foundation

extension DiagnosisKey {
    /// One key of the JSON key-list format:
    /// `{"key": base64, "rollingStartIntervalNumber", "rollingPeriod", "transmissionRiskLevel"?, "reportType"?,
    /// "daysSinceOnsetOfSymptoms"?}`.
    struct JSONForm: Codable {
        let key: String
        let rollingStartIntervalNumber: Int64
        let rollingPeriod: Int
        let transmissionRiskLevel: Int?
        let reportType: Int?
        let daysSinceOnsetOfSymptoms: Int?
    }

    /// Decodes a JSON array of keys; each key passes the per-key checks.
    public static func decodeJSONList(_ data: Data) throws -> [DiagnosisKey] {
        let forms: [JSONForm]
        do {
            forms = try JSONDecoder().decode([JSONForm].self, from: data)
        } catch {
            throw ContactTracingError(.invalidJSON, "key list: \(error)")
        }
        return try forms.enumerated().map { index, form in
            do {
                return try DiagnosisKey(jsonForm: form)
            } catch let error as ContactTracingError {
                throw ContactTracingError(error.code, "key \(index): \(error.reason)")
            }
        }
    }

    /// Encodes keys in the JSON key-list format, in the given order.
    public static func encodeJSONList(_ keys: [DiagnosisKey]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(keys.map(\.jsonForm))
    }

    init(jsonForm form: JSONForm) throws {
        guard let keyData = Data(base64Encoded: form.key) else {
            throw ContactTracingError(.invalidKeyLength, "key is not base64")
        }
        guard let start = UInt32(exactly: form.rollingStartIntervalNumber) else {
            throw ContactTracingError(
                .invalidIntervalNumber, "rolling start \(form.rollingStartIntervalNumber) out of range")
        }
        try self.init(
            key: TemporaryExposureKey(keyData: [UInt8](keyData)),
            rollingStartIntervalNumber: ENIntervalNumber(rawValue: start),
            rollingPeriod: form.rollingPeriod,
            transmissionRiskLevel: form.transmissionRiskLevel ?? 0,
            reportType: ReportType(validating: form.reportType ?? ReportType.unknown.rawValue),
            daysSinceOnsetOfSymptoms: form.daysSinceOnsetOfSymptoms)
    }

    var jsonForm: JSONForm {
        JSONForm(
            key: Data(key.keyData).base64EncodedString(),
            rollingStartIntervalNumber: Int64(rollingStartIntervalNumber.rawValue),
            rollingPeriod: rollingPeriod,
            transmissionRiskLevel: transmissionRiskLevel,
            reportType: reportType.rawValue,
            daysSinceOnsetOfSymptoms: daysSinceOnsetOfSymptoms)
    }
}
