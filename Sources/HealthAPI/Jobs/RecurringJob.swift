import Logging
public import ServiceLifecycle

/// A background job of `healthctl serve`: one pass at start, then another after each delay, until graceful
/// shutdown. A failed pass is logged by its error's type and tried again at the next turn.
public struct RecurringJob: Service {
    let name: String
    let level: Logger.Level
    let logger: Logger
    /// One pass; what it returns is logged with the job's name.
    let pass: @Sendable () async throws -> Logger.Metadata
    /// How long to wait after a pass, asked after each one.
    let delay: @Sendable () -> Duration

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let metadata = try await pass()
                logger.log(level: level, "\(name)", metadata: metadata)
            } catch {
                logger.error("\(name) failed", metadata: ["error.type": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay()) }
        }
    }
}

extension RecurringJob {
    /// A job whose pass makes one count (entries sealed, orders released, …), logged at debug as `key`, every
    /// `interval`.
    init(
        _ name: String, every interval: Duration, logging key: String, logger: Logger,
        pass: @escaping @Sendable () async throws -> Int
    ) {
        self.init(
            name: name, level: .debug, logger: logger, pass: { [key: "\(try await pass())"] }, delay: { interval })
    }
}
