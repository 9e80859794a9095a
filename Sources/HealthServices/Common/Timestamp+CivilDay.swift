/// The days people live by. Bahrain keeps Arabia Standard Time, UTC+03:00, all year (it has no daylight saving), so
/// the date on a certificate, an isolation order's days, a check-in's day and a dose interval are counted in days
/// that start at midnight there, three hours before UTC's: a dose given at 01:30 on 7 December is dated 7 December,
/// not the 6th.
///
/// What follows UTC days stays on them: exposure notification (the GAEN protocol counts intervals from UTC
/// midnight) and the daily statistics, whose counters the databases keep by UTC day.
extension Timestamp {
    /// Seconds Bahrain's time is ahead of UTC.
    public static let civilUTCOffsetSeconds: Int64 = 3 * 3600

    /// The calendar date of this instant in Bahrain.
    public var civilDate: CalendarDate {
        CalendarDate(daysSinceEpoch: (secondsSinceEpoch + Self.civilUTCOffsetSeconds).floorDivided(by: 86_400))
    }

    /// The instant `date` starts in Bahrain (its midnight, 21:00 UTC the day before).
    public init(startOfCivilDay date: CalendarDate) {
        self.init(secondsSinceEpoch: date.daysSinceEpoch * 86_400 - Self.civilUTCOffsetSeconds)
    }
}
