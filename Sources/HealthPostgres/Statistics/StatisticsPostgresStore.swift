public import HealthServices
import PostgresNIO

/// Daily counts from the PostgreSQL health database (see `StatisticsSQLiteStore`), days taken in UTC.
public struct StatisticsPostgresStore: StatisticsStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func dayCounts(from: CalendarDate, to: CalendarDate) async throws -> [DayCount] {
        let (start, end) = (Timestamp(startOf: from), Timestamp(startOf: to).adding(seconds: 86_400))
        return try await database.read { session in
            // Tests and positives in one pass over the covering index of (sampled_at, result).
            let results = try await session.all(
                """
                SELECT (sampled_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE result = 'positive')
                FROM lab_results
                WHERE sampled_at >= \(start) AND sampled_at < \(end) AND result IN ('positive', 'negative') GROUP BY 1
                """
            ) { row in
                let (day, tests, positive) = try row.decode((CalendarDate, Int, Int).self)
                return [
                    DayCount(day: day, metric: .tests, count: tests),
                    DayCount(day: day, metric: .positive, count: positive),
                ]
            }
            return try await results.flatMap { $0 }
                + session.all(
                    """
                    SELECT (administered_at AT TIME ZONE 'UTC')::date,
                        CASE WHEN dose_number > total_doses THEN 'boosters'
                             WHEN dose_number = 1 THEN 'firstDoses' ELSE 'secondDoses' END, count(*)
                    FROM vaccinations WHERE administered_at >= \(start) AND administered_at < \(end) GROUP BY 1, 2
                    UNION ALL
                    SELECT (created_at AT TIME ZONE 'UTC')::date, 'bookings', count(*) FROM appointments
                    WHERE created_at >= \(start) AND created_at < \(end) GROUP BY 1
                    UNION ALL
                    SELECT (opened_at AT TIME ZONE 'UTC')::date, 'casesOpened', count(*) FROM cases
                    WHERE opened_at >= \(start) AND opened_at < \(end) GROUP BY 1
                    UNION ALL
                    SELECT day, 'checkIns', count(*) FROM check_ins WHERE day >= \(from) AND day <= \(to) GROUP BY 1
                    """
                ) { row in
                    let (day, metric, count) = try row.decode((CalendarDate, String, Int).self)
                    guard let metric = DayCount.Metric(rawValue: metric) else {
                        throw StoreError("unreadable statistics metric: \(metric)")
                    }
                    return DayCount(day: day, metric: metric, count: count)
                }
        }
    }

    public func orderSpans(from: CalendarDate, to: CalendarDate) async throws -> [OrderSpan] {
        try await database.read { session in
            try await session.all(
                """
                SELECT kind, start_date, end_date, released_at FROM orders
                WHERE start_date <= \(to) AND end_date > \(from)
                  AND (released_at IS NULL OR released_at >= \(Timestamp(startOf: from)))
                """
            ) { row in
                let (kind, start, end, released) = try row.decode((String, CalendarDate, CalendarDate, Timestamp?).self)
                guard let kind = Order.Kind(rawValue: kind) else { throw StoreError("unreadable order kind: \(kind)") }
                let releasedDay = released.map { CalendarDate(daysSinceEpoch: $0.date.daysSinceEpoch + 1) }
                return OrderSpan(kind: kind, firstDay: start, endDay: min(end, releasedDay ?? end))
            }
        }
    }
}
