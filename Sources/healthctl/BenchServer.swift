import HealthAPI
import HealthServices
import Hummingbird
import Logging

/// The real server on a free loopback port, run in this process beside a benchmark.
enum BenchServer {
    /// Runs the server over `services` (keys and exports in `data`) while `body` runs with its port; the server has
    /// stopped when this returns, so nothing of it runs after the benchmark.
    static func run<T>(services: HealthServiceSet, data: String, _ body: (_ port: Int) async throws -> T)
        async throws -> T
    {
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        // Every simulated phone connects from 127.0.0.1: no per-client cap below the server's own.
        let limits = ConnectionLimits(maxConnectionsPerClient: ConnectionLimits().maxConnections)
        let configuration = AppConfiguration(
            storage: .directory(data), port: 0, logLevel: .critical, connectionLimits: limits)
        let app = try await buildApplication(configuration, services: services) { address in
            continuation.yield(address)
        }
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                try await app.run()
                continuation.finish()
            }
            defer { group.cancelAll() }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next(),
                let port = address.split(separator: ":").last.flatMap({ Int($0) })
            else { throw BenchServerDidNotStart() }
            return try await body(port)
        }
    }
}

/// The server stopped before it listened.
struct BenchServerDidNotStart: Error {}
