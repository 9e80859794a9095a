import Foundation
import HealthAPI
import HealthSQLite
import HealthServices
import Hummingbird
import Logging

/// The real server on a free loopback port, run in this process for a benchmark.
struct BenchServer: Sendable {
    let port: Int
    let task: Task<Void, any Error>

    static func start(data: String) async throws -> BenchServer {
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        let configuration = AppConfiguration(storage: .directory(data), port: 0, logLevel: .critical)
        let services = try HealthServiceSet(configuration.storage, issuer: configuration.issuer)
        let app = try await buildApplication(configuration, services: services) { address in
            continuation.yield(address)
        }
        let task = Task { try await app.run() }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next(), let port = address.split(separator: ":").last.flatMap({ Int($0) })
        else { throw BenchServerDidNotStart() }
        return BenchServer(port: port, task: task)
    }

    func stop() { task.cancel() }
}

/// The server stopped before it listened.
struct BenchServerDidNotStart: Error {}
