import ContactTracing
import Foundation

/// Reads and checks the keys of a publish, naming every bad key with its code in one problem.
enum PublishedKeys {
    /// The keys as the phone sent them (no diagnosis yet), or an `invalid-keys` problem listing each key that
    /// is not well formed.
    static func parse(_ keys: [PublishRequest.Key]) throws -> [DiagnosisKey] {
        var parsed: [DiagnosisKey] = []
        var problems: [String] = []
        for (index, key) in keys.enumerated() {
            do {
                guard let bytes = Data(base64Encoded: key.key) else {
                    throw ContactTracingError(.invalidKeyLength, "not base64")
                }
                guard let start = UInt32(exactly: key.rollingStartNumber) else {
                    throw ContactTracingError(.invalidIntervalNumber, "rolling start out of range")
                }
                parsed.append(
                    try DiagnosisKey(
                        key: TemporaryExposureKey(keyData: [UInt8](bytes)),
                        rollingStartIntervalNumber: ENIntervalNumber(rawValue: start), rollingPeriod: key.rollingPeriod,
                        transmissionRiskLevel: key.transmissionRisk ?? 0))
            } catch let error as ContactTracingError {
                problems.append("key \(index): \(error.code)")
            }
        }
        try refuse(problems)
        return parsed
    }

    /// The keys that keep the upload rules. A key that breaks a rule on its own (not day-aligned, in the future,
    /// too old) is dropped with a warning naming it, as the reference key server does, and the others go on; the
    /// rules on the keys together (overlaps, keys per start) refuse the upload, as does a set with no key left.
    static func validate(_ keys: [DiagnosisKey], with validator: DiagnosisKeyValidator, at now: ENIntervalNumber)
        throws -> (kept: [DiagnosisKey], warnings: [String])
    {
        var kept: [DiagnosisKey] = []
        var warnings: [String] = []
        for (index, key) in keys.enumerated() {
            do {
                try validator.validate([key], at: now)
                kept.append(key)
            } catch let error as ContactTracingError {
                warnings.append(
                    "key \(index) (rollingStartNumber \(key.rollingStartIntervalNumber.rawValue)): \(error.code)")
            }
        }
        if kept.isEmpty { try refuse(warnings) }
        do {
            try validator.validate(kept, at: now)
        } catch let error as ContactTracingError {
            try refuse(["keys: \(error.code)"])
        }
        return (kept, warnings)
    }

    private static func refuse(_ problems: [String]) throws {
        guard problems.isEmpty else {
            throw ServiceError(.invalidKeys, "Refused keys: \(problems.joined(separator: "; ")).")
        }
    }
}
