public import HealthServices
public import Logging

extension RecurringJob {
    /// Releases the isolation and quarantine orders whose end date has come: at start and then every `interval`.
    public static func orderRelease(
        _ orders: OrderService, interval: Duration = .seconds(300), logger: Logger
    ) -> RecurringJob {
        RecurringJob("order release", every: interval, logging: "released", logger: logger) {
            try await orders.releaseDueOrders()
        }
    }
}
