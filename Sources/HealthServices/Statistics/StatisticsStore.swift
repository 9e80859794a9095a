/// The counts statistics are made of, kept per UTC day by the health database as records are written.
public protocol StatisticsStore: Sendable {
    /// Every non-zero count of `from...to`, by day and metric; for the order changes, also every change before
    /// `from`, added into `from`'s, so that the changes up to a day add up to the orders binding people that day.
    func dayCounts(from: CalendarDate, to: CalendarDate) async throws -> [DayCount]

    /// Adds each count of a day before `day` that is kept in several rows into one, so that reading a year stays a
    /// read of about one row per metric and day; the rows folded away. A store that keeps one row per count
    /// (SQLite, with its one writer) has nothing to fold.
    func foldCounts(before day: CalendarDate) async throws -> Int
}

/// One count of one day. The metrics' raw values are the names the health database keeps them under.
public struct DayCount: Sendable, Hashable {
    /// What a count counts. The raw values are the names the schema's triggers count under in
    /// `statistics_counts.metric`; a stored name with no case here fails the whole read, so a case is renamed or
    /// removed only with a migration of its rows.
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
        /// Isolation orders beginning to bind people on the day, less those ending (the day after the last).
        case isolationChange
        /// Quarantine orders beginning to bind people on the day, less those ending.
        case quarantineChange
        /// Orders beginning to owe daily check-ins on the day, less those ending: from the later of an order's start
        /// and the day it was made (in Bahrain), since one dated back owes none before it existed.
        case checkInsDueChange

        /// The metrics whose days add up to a number in force.
        public static let changes: [Metric] = [.isolationChange, .quarantineChange, .checkInsDueChange]
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
