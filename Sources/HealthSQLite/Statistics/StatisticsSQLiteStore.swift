public import HealthServices

/// Daily counts from `health.sqlite`: results by sample day, doses, bookings, cases opened, check-ins, and the
/// orders running; each a grouped query over an index of its day column.
public struct StatisticsSQLiteStore: StatisticsStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func dayCounts(from: CalendarDate, to: CalendarDate) async throws -> [DayCount] {
        let (start, end) = (Timestamp(startOf: from), Timestamp(startOf: to).adding(seconds: 86_400))
        return try await database.read { connection in
            func counts(_ sql: String, _ values: any SQLiteValueConvertible...) throws -> [DayCount] {
                try connection.query(sql, arguments: values) { row in
                    let day: String = try row.get(0)
                    let metric: String = try row.get(1)
                    guard let date = CalendarDate(iso8601: day), let metric = DayCount.Metric(rawValue: metric) else {
                        throw StoreError("unreadable statistics row: \(day) \(metric)")
                    }
                    return DayCount(day: date, metric: metric, count: try row.get(2))
                }
            }
            // Tests and positives in one pass over the covering index of (sampled_at, result).
            let results = try connection.query(
                """
                SELECT substr(sampled_at, 1, 10), count(*), sum(result = 'positive') FROM lab_results
                WHERE sampled_at >= ? AND sampled_at < ? AND result IN ('positive', 'negative') GROUP BY 1
                """, start, end
            ) { row in
                let day: String = try row.get(0)
                guard let date = CalendarDate(iso8601: day) else {
                    throw StoreError("unreadable statistics day: \(day)")
                }
                return [
                    DayCount(day: date, metric: .tests, count: try row.get(1)),
                    DayCount(day: date, metric: .positive, count: try row.get(2)),
                ]
            }
            return try results.flatMap { $0 }
                + counts(
                    """
                    SELECT substr(administered_at, 1, 10),
                        CASE WHEN dose_number > total_doses THEN 'boosters'
                             WHEN dose_number = 1 THEN 'firstDoses' ELSE 'secondDoses' END, count(*)
                    FROM vaccinations WHERE administered_at >= ? AND administered_at < ? GROUP BY 1, 2
                    """, start, end)
                + counts(
                    """
                    SELECT substr(created_at, 1, 10), 'bookings', count(*) FROM appointments
                    WHERE created_at >= ? AND created_at < ? GROUP BY 1
                    UNION ALL
                    SELECT substr(opened_at, 1, 10), 'casesOpened', count(*) FROM cases
                    WHERE opened_at >= ? AND opened_at < ? GROUP BY 1
                    UNION ALL
                    SELECT day, 'checkIns', count(*) FROM check_ins WHERE day >= ? AND day <= ? GROUP BY 1
                    """, start, end, start, end, from, to)
        }
    }

    public func orderSpans(from: CalendarDate, to: CalendarDate) async throws -> [OrderSpan] {
        try await database.read { connection in
            try connection.query(
                """
                SELECT kind, start_date, end_date, released_at FROM orders
                WHERE start_date <= ? AND end_date > ? AND (released_at IS NULL OR released_at >= ?)
                """, to, from, Timestamp(startOf: from)
            ) { row in
                let end: CalendarDate = try row.get(2)
                let released: Timestamp? = try row.get(3)
                let releasedDay = released.map { CalendarDate(daysSinceEpoch: $0.date.daysSinceEpoch + 1) }
                return OrderSpan(kind: try row.get(0), firstDay: try row.get(1), endDay: min(end, releasedDay ?? end))
            }
        }
    }
}
