public import HealthServices
public import Logging
public import ServiceLifecycle

/// The server's background retention: a ``RetentionService`` pass at start and then every `interval`, until
/// graceful shutdown. A failed pass is logged and retried at the next interval.
public struct RetentionJob: Service {
    let retention: RetentionService
    let interval: Duration
    let logger: Logger

    public init(retention: RetentionService, interval: Duration = .seconds(300), logger: Logger) {
        self.retention = retention
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let report = try await retention.run()
                    logger.debug(
                        "retention pass",
                        metadata: [
                            "enrolment_challenges": "\(report.enrolmentChallenges)",
                            "outbox_messages": "\(report.outboxMessages)",
                        ])
                } catch {
                    logger.warning("retention pass failed", metadata: ["error.type": "\(type(of: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
