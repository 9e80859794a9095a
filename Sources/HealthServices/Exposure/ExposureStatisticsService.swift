/// Per-day counts of the key server's activity, from both databases: codes issued and used (`health.sqlite`),
/// publishes, keys and batches (`exposure.sqlite`). Counts only, so they tell nothing of any one case.
public struct ExposureStatisticsService: Sendable {
    let records: any RecordStore
    let store: any ExposureStore

    /// Counts below this are shown as `<10`, so a small day does not single anyone out.
    public static let smallestShownCount = 10

    /// Every day with any activity, oldest first.
    public func dailyCounts() async throws -> [ExposureDailyCount] {
        let codeCounts = try await records.read { try await $0.verificationCodes.verificationCodeCountsByDay() }
        var days = Dictionary(uniqueKeysWithValues: try await store.dailyCounts().map { ($0.day, $0) })
        for entry in codeCounts {
            var counts = days[entry.day] ?? ExposureDailyCount(day: entry.day)
            counts.codesIssued = entry.issued
            counts.codesUsed = entry.used
            days[entry.day] = counts
        }
        return days.keys.sorted().compactMap { days[$0] }
    }

    /// `count` as shown: the number from 10 on, `<10` below.
    public static func shown(_ count: Int) -> String {
        count < smallestShownCount ? "<\(smallestShownCount)" : String(count)
    }
}
