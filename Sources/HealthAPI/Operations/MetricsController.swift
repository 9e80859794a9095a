import HealthServices
import Hummingbird
import Prometheus

/// Serves the process's metrics in the Prometheus text exposition format, with the connection pools' use read
/// at each scrape (`database_pool_connections_in_use`, `database_pool_waiting_requests`, by database).
struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry
    let databases: [any DatabaseProbe]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) -> Response {
        for database in databases {
            guard let usage = database.poolUsage else { continue }
            let labels = [("database", database.name)]
            registry.makeGauge(name: "database_pool_connections_in_use", labels: labels).set(to: Double(usage.inUse))
            registry.makeGauge(name: "database_pool_waiting_requests", labels: labels).set(to: Double(usage.waiting))
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer))
        )
    }
}
