import HealthServices
import Hummingbird
import Prometheus

/// Serves the process's metrics in the Prometheus text exposition format, with the connection pools' use read
/// at each scrape (`database_pool_connections_in_use`, `database_pool_waiting_requests`, by database), and how long
/// the document signers can still sign (`document_signer_signing_left_seconds`).
struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry
    let databases: [any DatabaseProbe]
    let certificates: CertificateService

    static var signingLeft: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "document_signer_signing_left", unitName: "seconds",
            helpText: "Seconds until no document signer can sign (0: none can; certificates wait for a rotation).")
    }

    static var inUse: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "database_pool_connections", unitName: "in_use",
            helpText: "Connections of the database's pool lent out now.")
    }

    static var waiting: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "database_pool_waiting", unitName: "requests",
            helpText: "Requests waiting for a connection of the database's pool.")
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) -> Response {
        for database in databases {
            guard let usage = database.poolUsage else { continue }
            let labels = [("database", database.name)]
            registry.makeGauge(descriptor: Self.inUse, labels: labels).set(to: Double(usage.inUse))
            registry.makeGauge(descriptor: Self.waiting, labels: labels).set(to: Double(usage.waiting))
        }
        registry.makeGauge(descriptor: Self.signingLeft).set(to: Double(certificates.secondsOfSigningLeft()))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer))
        )
    }
}
