public import HealthServices
public import Logging

extension RecurringJob {
    /// Releases the isolation and quarantine orders whose end date has come: at start and then every `interval`.
    public static func orderRelease(
        _ orders: OrderService, interval: Duration = .seconds(300), logger: Logger
    ) -> RecurringJob {
        RecurringJob(
            name: "order release", level: .debug, logger: logger,
            pass: { ["released": "\(try await orders.releaseDueOrders())"] },
            delay: { interval })
    }
}
