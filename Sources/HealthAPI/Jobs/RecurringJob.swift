import HealthServices
import Logging
public import ServiceLifecycle

/// A background job of `healthctl serve`: one pass at start, then another after each delay, until graceful
/// shutdown. A failed pass is logged with what may be told of its error (``failureMetadata(of:)``) and tried again
/// at the next turn.
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
                logger.error("\(name) failed", metadata: Self.failureMetadata(of: error))
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay()) }
        }
    }
}

extension RecurringJob {
    /// What the log says of a failed pass: a storage failure's code, database and message, as a request's are
    /// logged (the message names a statement's failure, never a row's values); a refusal's code; else the error's
    /// type, whose message might hold a record's values.
    static func failureMetadata(of error: any Error) -> Logger.Metadata {
        switch error {
        case let error as StoreError:
            ["error.code": "\(error.code)", "database": "\(error.database ?? "-")", "error": "\(error)"]
        case let error as ServiceError: ["error.code": "\(error.code.rawValue)"]
        default: ["error.type": "\(type(of: error))"]
        }
    }

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
