public import HealthServices
public import Logging
public import ServiceLifecycle

/// Runs the export job in `healthctl serve`: at start, then at every window end, until graceful shutdown.
public struct ExposureExportJob: Service {
    let exports: ExposureExportService
    let clock: WallClock
    let logger: Logger

    public init(exports: ExposureExportService, clock: WallClock = .system, logger: Logger) {
        self.exports = exports
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        let interval = exports.configuration.exportIntervalSeconds
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let summary = try await exports.run(at: clock.now())
                logger.info(
                    "export run",
                    metadata: [
                        "batches": "\(summary.batchesWritten.count)",
                        "deleted": "\(summary.batchesDeleted.count)",
                    ])
            } catch {
                logger.error("export run failed", metadata: ["error.type": "\(type(of: error))"])
            }
            let now = clock.now().secondsSinceEpoch
            // A few seconds past the next window's end, so its last keys have committed.
            let wait = (now.floorDivided(by: interval) + 1) * interval - now + 5
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
        }
    }
}
