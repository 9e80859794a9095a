/// The upload rules the reference key server applies: no key in the future, none older than the retention window,
/// no key twice, no partially overlapping keys, and a bounded number of keys per rolling start. Like the reference, a full-day key
/// need not start at UTC midnight (a phone whose clock or time zone moved may roll its key at another time).
public struct DiagnosisKeyValidator: Sendable {
    /// Oldest accepted key, in days before the upload's UTC day.
    public let maximumAgeDays: Int
    /// Most keys that may share one rolling start (they differ in rolling period).
    public let maximumKeysWithSameStart: Int

    public init(maximumAgeDays: Int = 15, maximumKeysWithSameStart: Int = 3) {
        self.maximumAgeDays = maximumAgeDays
        self.maximumKeysWithSameStart = maximumKeysWithSameStart
    }

    /// Throws the first rule `keys` break for an upload at `now`.
    public func validate(_ keys: [DiagnosisKey], at now: ENIntervalNumber) throws {
        let oldestStart = Int64(now.dayStart.rawValue) - Int64(maximumAgeDays) * Int64(ENIntervalNumber.intervalsPerDay)
        for key in keys {
            guard key.rollingStartIntervalNumber <= now else {
                throw ContactTracingError(
                    .rollingStartInFuture, "key starts at \(key.rollingStartIntervalNumber), after \(now)")
            }
            guard Int64(key.rollingStartIntervalNumber.rawValue) >= oldestStart else {
                throw ContactTracingError(
                    .keyTooOld, "key starts at \(key.rollingStartIntervalNumber), before \(oldestStart)")
            }
        }
        // One key twice (under different starts, which need not overlap) would leave which one counts to the order
        // of the upload; the reference server refuses it too.
        guard Set(keys.map(\.key.keyData)).count == keys.count else {
            throw ContactTracingError(.duplicateKeys, "a key appears twice")
        }
        try checkOverlaps(keys)
    }

    /// Keys may share a start (a key replaced early on the same day); otherwise each must start at or after
    /// the end of the previous one.
    private func checkOverlaps(_ keys: [DiagnosisKey]) throws {
        let sorted = keys.sorted {
            ($0.rollingStartIntervalNumber.rawValue, $0.rollingPeriod)
                < ($1.rollingStartIntervalNumber.rawValue, $1.rollingPeriod)
        }
        guard let first = sorted.first else { return }
        var currentStart = first.rollingStartIntervalNumber
        var currentEnd = first.rollingEnd
        var sameStartCount = 0
        for key in sorted {
            if key.rollingStartIntervalNumber == currentStart {
                sameStartCount += 1
                guard sameStartCount <= maximumKeysWithSameStart else {
                    throw ContactTracingError(
                        .tooManyKeysWithSameStart,
                        "more than \(maximumKeysWithSameStart) keys start at \(currentStart)")
                }
                currentEnd = key.rollingEnd
                continue
            }
            guard key.rollingStartIntervalNumber.rawValue >= currentEnd else {
                throw ContactTracingError(
                    .overlappingKeys,
                    "key starting at \(key.rollingStartIntervalNumber) overlaps the key valid \(currentStart)..<\(currentEnd)"
                )
            }
            currentStart = key.rollingStartIntervalNumber
            currentEnd = key.rollingEnd
            sameStartCount = 1
        }
    }
}
