public import HealthServices
public import Logging

extension RecurringJob {
    /// The key server's exports: a run at start, then a few seconds after each batch window ends, so the
    /// window's last keys have committed.
    public static func exposureExports(
        _ exports: ExposureExportService, clock: WallClock = .system, logger: Logger
    ) -> RecurringJob {
        let interval = exports.configuration.exportIntervalSeconds
        return RecurringJob(
            name: "export run", level: .info, logger: logger,
            pass: {
                let summary = try await exports.run(at: clock.now())
                return ["batches": "\(summary.batchesWritten.count)", "deleted": "\(summary.batchesDeleted.count)"]
            },
            delay: {
                let now = clock.now().secondsSinceEpoch
                return .seconds((now.floorDivided(by: interval) + 1) * interval - now + 5)
            })
    }
}
