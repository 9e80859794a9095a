/// The counts statistics are made of, read from the health database per UTC day.
public protocol StatisticsStore: Sendable {
    /// Every non-zero count of `from...to`, by day and metric.
    func dayCounts(from: CalendarDate, to: CalendarDate) async throws -> [DayCount]
    /// The isolation and quarantine orders that ran on any day of `from...to`.
    func orderSpans(from: CalendarDate, to: CalendarDate) async throws -> [OrderSpan]
}

/// One count of one day.
public struct DayCount: Sendable, Hashable {
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// Results (positive or negative) by sample day.
        case tests
        case positive
        case firstDoses
        /// Second and later doses of a course.
        case secondDoses
        /// Doses beyond the course.
        case boosters
        /// Appointments booked (by booking day).
        case bookings
        case casesOpened
        /// Check-ins under orders.
        case checkIns
    }

    public let day: CalendarDate
    public let metric: Metric
    public let count: Int

    package init(day: CalendarDate, metric: Metric, count: Int) {
        self.day = day
        self.metric = metric
        self.count = count
    }
}

/// The days an order bound its person: from its start to the day before its end, or to its release.
public struct OrderSpan: Sendable, Hashable {
    public let kind: Order.Kind
    public let firstDay: CalendarDate
    /// The first day it no longer bound the person: its end date, or the day it was released if earlier.
    public let endDay: CalendarDate

    package init(kind: Order.Kind, firstDay: CalendarDate, endDay: CalendarDate) {
        self.kind = kind
        self.firstDay = firstDay
        self.endDay = endDay
    }
}
