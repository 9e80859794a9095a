import CryptoCore

/// Fake diagnosis keys that pad an export, so a batch never tells how few cases there were: each takes the
/// rolling start, period, risk and diagnosis of a real key drawn at random, with fresh random key data, so it
/// looks like any other key of the batch (and never matches a phone's sightings).
public enum ExportPadding {
    /// `keys` followed by as many fake keys as bring the count up to `minimumCount`.
    ///
    /// With no real key to copy, fake keys are full-day keys of the `fallbackDays` UTC days before `fallbackEnd`.
    public static func padded(
        _ keys: [DiagnosisKey], toAtLeast minimumCount: Int, fallbackEnd: ENIntervalNumber, fallbackDays: Int = 14
    ) throws -> [DiagnosisKey] {
        let missing = minimumCount - keys.count
        guard missing > 0 else { return keys }
        let keyBytes = SecureRandom.bytes(count: missing * TemporaryExposureKey.byteCount)
        let choices = SecureRandom.bytes(count: missing * 4)
        var result = keys
        result.reserveCapacity(minimumCount)
        for index in 0..<missing {
            let offset = index * TemporaryExposureKey.byteCount
            let key = try TemporaryExposureKey(
                keyData: Array(keyBytes[offset..<offset + TemporaryExposureKey.byteCount]))
            let draw = choices[index * 4..<index * 4 + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if keys.isEmpty {
                let day = UInt32(draw % UInt32(max(1, fallbackDays))) + 1
                let start = fallbackEnd.dayStart.rawValue - min(fallbackEnd.dayStart.rawValue, day * 144)
                result.append(
                    try DiagnosisKey(
                        key: key, rollingStartIntervalNumber: ENIntervalNumber(rawValue: start),
                        reportType: .confirmedTest))
            } else {
                let template = keys[Int(draw % UInt32(keys.count))]
                result.append(
                    try DiagnosisKey(
                        key: key, rollingStartIntervalNumber: template.rollingStartIntervalNumber,
                        rollingPeriod: template.rollingPeriod, transmissionRiskLevel: template.transmissionRiskLevel,
                        reportType: template.reportType, daysSinceOnsetOfSymptoms: template.daysSinceOnsetOfSymptoms))
            }
        }
        return result
    }
}
