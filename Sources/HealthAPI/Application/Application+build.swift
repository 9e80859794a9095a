import HTTPTypes
public import HealthServices
public import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// Assembles the HTTP application over `services`: middleware, and every controller's routes.
///
/// `onServerRunning` is called with the bound address once the server listens (port 0 picks a free one), and
/// `onOpsServerRunning` with the operations listener's when the configuration asks for one.
public func buildApplication(
    _ configuration: AppConfiguration,
    services: HealthServiceSet,
    onServerRunning: @escaping @Sendable (_ address: String) async -> Void = { _ in },
    onOpsServerRunning: @escaping @Sendable (_ address: String) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "health-services")
    logger.logLevel = configuration.logLevel

    let registry = PrometheusCollectorRegistry()
    let router = try buildRouter(
        services: services, registry: registry, clientAddressHeader: configuration.clientAddressHeader)

    let limits = configuration.connectionLimits
    var jobs: [any Service] = [
        RecurringJob.exposureExports(services.exposureExports, logger: logger),
        RecurringJob.retention(services.retention, logger: logger),
        RecurringJob.orderRelease(services.orders, logger: logger),
        RecurringJob.signerWaits(services.certificates, logger: logger),
        RecurringJob.statisticsFolding(services.statistics, logger: logger),
    ]
    if services.audit.needsSealing {
        jobs.append(RecurringJob.auditSealing(services.audit, logger: logger))
    }
    if let opsPort = configuration.opsPort {
        jobs.append(
            operationsApplication(
                configuration, port: opsPort, services: services, registry: registry, logger: logger,
                onServerRunning: onOpsServerRunning))
    }
    return Application(
        router: router,
        server: limits.server,
        configuration: .init(
            address: .hostname(configuration.hostname, port: configuration.port), serverName: "healthctl",
            availableConnectionsDelegate: limits.availableConnections(logger: logger)),
        services: jobs,
        onServerRunning: { channel in
            await onServerRunning(boundAddress(channel, configuration.hostname, configuration.port))
        },
        logger: logger
    )
}

/// The listener for probes and monitoring (`AppConfiguration.opsPort`): `/healthz`, `/readyz` and `/metrics` (the
/// public listener's metrics) and nothing else, with connections of its own, so a saturated public port leaves it
/// answering.
func operationsApplication(
    _ configuration: AppConfiguration, port: Int, services: HealthServiceSet, registry: PrometheusCollectorRegistry,
    logger: Logger, onServerRunning: @escaping @Sendable (_ address: String) async -> Void
) -> some Service {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    ProbeController(databases: services.stores.databases).addRoutes(to: router)
    MetricsController(registry: registry, databases: services.stores.databases, certificates: services.certificates)
        .addRoutes(to: router)
    return Application(
        router: router,
        server: ConnectionLimits(maxConnections: 64).server,
        configuration: .init(
            address: .hostname(configuration.hostname, port: port), serverName: "healthctl",
            availableConnectionsDelegate: MaximumAvailableConnections(64, logger: logger)),
        onServerRunning: { channel in await onServerRunning(boundAddress(channel, configuration.hostname, port)) },
        logger: logger
    )
}

/// `host:port` of a listening channel, as bound (port 0 becomes the port picked).
private func boundAddress(_ channel: any Channel, _ hostname: String, _ port: Int) -> String {
    channel.localAddress.map { "\($0.ipAddress ?? hostname):\($0.port ?? port)" } ?? "\(hostname):\(port)"
}

/// The router with its middleware and routes; middleware is added first so it wraps every route.
func buildRouter(
    services: HealthServiceSet, registry: PrometheusCollectorRegistry, clientAddressHeader: String? = nil
) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: HTTPMetricsMiddleware(factory: PrometheusMetricsFactory(registry: registry)))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: JSONContentTypeMiddleware())

    let routeGuard = RouteGuard(access: services.access)
    AccountController(accounts: services.accounts, guard_: routeGuard).addRoutes(to: router)
    SchedulingController(scheduling: services.scheduling, guard_: routeGuard).addRoutes(to: router)
    AppointmentController(appointments: services.appointments, guard_: routeGuard).addRoutes(to: router)
    ResultController(results: services.results, guard_: routeGuard).addRoutes(to: router)
    VaccinationController(vaccinations: services.vaccinations, guard_: routeGuard).addRoutes(to: router)
    CertificateController(certificates: services.certificates, guard_: routeGuard).addRoutes(to: router)
    HealthCardController(certificates: services.certificates, guard_: routeGuard).addRoutes(to: router)
    StatusController(status: services.status, guard_: routeGuard).addRoutes(to: router)
    CaseController(cases: services.cases, orders: services.orders, guard_: routeGuard).addRoutes(to: router)
    StatisticsController(statistics: services.statistics, guard_: routeGuard).addRoutes(to: router)
    ExposureController(
        uploads: services.exposureUploads, exports: services.exposureExports,
        clientAddressHeader: clientAddressHeader.flatMap { HTTPField.Name($0) }
    ).addRoutes(to: router)

    ProbeController(databases: services.stores.databases).addRoutes(to: router)
    MetricsController(registry: registry, databases: services.stores.databases, certificates: services.certificates)
        .addRoutes(to: router)
    try OpenAPIController().addRoutes(to: router)
    try VerifierPageController(country: services.certificates.country).addRoutes(to: router)
    try DashboardPageController().addRoutes(to: router)
    // Last, so it wraps only the not-found responder and sees every route.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
    return router
}
