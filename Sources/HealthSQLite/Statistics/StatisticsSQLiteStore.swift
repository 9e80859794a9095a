public import HealthServices

/// Daily counts from `health.sqlite`'s `statistics_counts`, which triggers keep as records are written (see
/// `SQLiteHealthSchema.statisticsCounts`): a read of one row per metric and day, however many records there are.
public struct StatisticsSQLiteStore: StatisticsStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func dayCounts(from: CalendarDate, to: CalendarDate) async throws -> [DayCount] {
        try await database.read { connection in
            try connection.query(
                """
                SELECT metric, day, count FROM statistics_counts
                WHERE metric NOT IN (\(Self.changes)) AND day >= ? AND day <= ? AND count <> 0
                UNION ALL
                SELECT metric, max(day, ?), sum(count) FROM statistics_counts
                WHERE metric IN (\(Self.changes)) AND day <= ? GROUP BY 1, 2 HAVING sum(count) <> 0
                """, from, to, from, to
            ) { row in
                let metric: String = try row.get(0)
                guard let metric = DayCount.Metric(rawValue: metric) else {
                    throw StoreError("unreadable statistics metric: \(metric)")
                }
                return DayCount(day: try row.get(1), metric: metric, count: try row.get(2))
            }
        }
    }

    /// One row per count already: SQLite's one writer never waits on another for a count's row.
    public func foldCounts(before day: CalendarDate) async throws -> Int { 0 }

    /// The order changes' metrics as an SQL list.
    static let changes = DayCount.Metric.changes.map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
