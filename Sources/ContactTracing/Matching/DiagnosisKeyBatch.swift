/// Diagnosis keys packed for scanning: key bytes back to back, with rolling start and period beside them.
struct DiagnosisKeyBatch: Sendable {
    var keyData: [UInt8]
    var rollingStarts: [UInt32]
    var rollingPeriods: [UInt8]

    init(_ keys: [DiagnosisKey]) {
        keyData = []
        keyData.reserveCapacity(keys.count * TemporaryExposureKey.byteCount)
        rollingStarts = []
        rollingStarts.reserveCapacity(keys.count)
        rollingPeriods = []
        rollingPeriods.reserveCapacity(keys.count)
        for key in keys {
            keyData += key.key.keyData
            rollingStarts.append(key.rollingStartIntervalNumber.rawValue)
            rollingPeriods.append(UInt8(key.rollingPeriod))
        }
    }

    init(keyData: [UInt8], rollingStarts: [UInt32], rollingPeriods: [UInt8]) {
        precondition(keyData.count == rollingStarts.count * TemporaryExposureKey.byteCount)
        precondition(rollingPeriods.count == rollingStarts.count)
        self.keyData = keyData
        self.rollingStarts = rollingStarts
        self.rollingPeriods = rollingPeriods
    }

    var count: Int { rollingStarts.count }
}
