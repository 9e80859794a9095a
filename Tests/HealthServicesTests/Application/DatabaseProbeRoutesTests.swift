import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// `/readyz` names each backend's databases, and `/metrics` shows the use of PostgreSQL's connection pools.
@Suite struct DatabaseProbeRoutesTests {
    @Test(arguments: StorageBackend.allCases) func readinessNamesTheDatabasesAndMetricsShowThePools(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get) { response in
                (
                    response.status,
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? NSDictionary
                )
            }
            #expect(ready.0 == .ok)
            #expect(ready.1 == ["status": "ready", "databases": ["health": "ok", "exposure": "ok"]])
            let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            let poolLines = metrics.split(separator: "\n").filter { $0.hasPrefix("database_pool_") }
            switch backend {
            case .sqlite:
                #expect(poolLines.isEmpty)
            case .postgres:
                #expect(poolLines.contains(#"database_pool_connections_in_use{database="health"} 0.0"#))
                #expect(poolLines.contains(#"database_pool_waiting_requests{database="exposure"} 0.0"#))
            }
        }
    }
}
