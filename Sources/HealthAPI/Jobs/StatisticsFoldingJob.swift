public import HealthServices
public import Logging

extension RecurringJob {
    /// Statistics folding: the counts of past days kept in several rows become one, at start and then every
    /// `interval` (see ``StatisticsService/foldPastCounts()``). A day's rows stop growing once it is over, bar late
    /// corrections, so an hour between passes keeps a year's read near one row per metric and day.
    public static func statisticsFolding(
        _ statistics: StatisticsService, interval: Duration = .seconds(3600), logger: Logger
    ) -> RecurringJob {
        RecurringJob("statistics folding pass", every: interval, logging: "rows_folded", logger: logger) {
            try await statistics.foldPastCounts()
        }
    }
}
