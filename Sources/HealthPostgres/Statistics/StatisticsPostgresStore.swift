public import HealthServices
import PostgresNIO

/// Daily counts from the PostgreSQL health database's `statistics_counts` (see `StatisticsSQLiteStore`), each the sum
/// of its shards' rows.
public struct StatisticsPostgresStore: StatisticsStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func dayCounts(from: CalendarDate, to: CalendarDate) async throws -> [DayCount] {
        let changes = DayCount.Metric.changes.map(\.rawValue)
        return try await database.read { session in
            try await session.all(
                """
                SELECT metric, day, sum(count)::bigint FROM statistics_counts
                WHERE metric <> ALL(\(changes)) AND day BETWEEN \(from) AND \(to) GROUP BY 1, 2 HAVING sum(count) <> 0
                UNION ALL
                SELECT metric, GREATEST(day, \(from)), sum(count)::bigint FROM statistics_counts
                WHERE metric = ANY(\(changes)) AND day <= \(to) GROUP BY 1, 2 HAVING sum(count) <> 0
                """
            ) { row in
                let (metric, day, count) = try row.decode((String, CalendarDate, Int).self)
                guard let metric = DayCount.Metric(rawValue: metric) else {
                    throw StoreError("unreadable statistics metric: \(metric)")
                }
                return DayCount(day: day, metric: metric, count: count)
            }
        }
    }

    /// `statistics_fold` (see `PostgresHealthSchema.statisticsFold`): rows a writer holds are left for a later pass.
    public func foldCounts(before day: CalendarDate) async throws -> Int {
        try await database.write { session in
            try await session.first("SELECT statistics_fold(\(day))") { try $0.decode(Int.self) } ?? 0
        }
    }
}
