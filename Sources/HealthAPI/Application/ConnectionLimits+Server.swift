import HealthServices
import HummingbirdCore
import Logging
import NIOCore

extension ConnectionLimits {
    /// HTTP/1.1 with the idle timeout, a deadline handler for each request's head and body, and the per-client
    /// connection limit.
    var server: HTTPServerBuilder {
        let head = requestHeadTimeout
        let body = requestBodyTimeout
        let gate = ClientConnectionGate(limit: maxConnectionsPerClient)
        return .http1(
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [
                    ClientConnectionLimitHandler(gate: gate),
                    RequestDeadlineHandler(headTimeout: head, bodyTimeout: body),
                ],
                idleTimeout: .nanoseconds(Self.nanoseconds(idleTimeout))
            ))
    }

    /// Stops accepting (the kernel queues new connections) while `maxConnections` are open.
    func availableConnections(logger: Logger) -> MaximumAvailableConnections {
        MaximumAvailableConnections(maxConnections, logger: logger)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
