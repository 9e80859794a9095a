public import HealthServices
public import Hummingbird
import Logging
import Prometheus

/// Assembles the HTTP application over `services`: middleware, and every controller's routes.
///
/// `onServerRunning` is called with the bound address once the server listens (port 0 picks a free one).
public func buildApplication(
    _ configuration: AppConfiguration,
    services: HealthServiceSet,
    onServerRunning: @escaping @Sendable (_ address: String) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "health-services")
    logger.logLevel = configuration.logLevel

    let registry = PrometheusCollectorRegistry()
    let router = try buildRouter(services: services, registry: registry)

    let limits = configuration.connectionLimits
    return Application(
        router: router,
        server: limits.server,
        configuration: .init(
            address: .hostname(configuration.hostname, port: configuration.port), serverName: "healthctl",
            availableConnectionsDelegate: limits.availableConnections(logger: logger)),
        services: [
            RecurringJob.exposureExports(services.exposureExports, logger: logger),
            RecurringJob.retention(services.retention, logger: logger),
            RecurringJob.orderRelease(services.orders, logger: logger),
        ],
        onServerRunning: { channel in
            let address = channel.localAddress.map {
                "\($0.ipAddress ?? configuration.hostname):\($0.port ?? configuration.port)"
            }
            await onServerRunning(address ?? "\(configuration.hostname):\(configuration.port)")
        },
        logger: logger
    )
}

/// The router with its middleware and routes; middleware is added first so it wraps every route.
func buildRouter(services: HealthServiceSet, registry: PrometheusCollectorRegistry) throws -> Router<AppRequestContext>
{
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
    StatusController(status: services.status, guard_: routeGuard).addRoutes(to: router)
    CaseController(cases: services.cases, orders: services.orders, guard_: routeGuard).addRoutes(to: router)
    StatisticsController(statistics: services.statistics, guard_: routeGuard).addRoutes(to: router)
    ExposureController(uploads: services.exposureUploads, exports: services.exposureExports)
        .addRoutes(to: router)

    ProbeController(databases: services.stores.databases).addRoutes(to: router)
    MetricsController(registry: registry, databases: services.stores.databases).addRoutes(to: router)
    try OpenAPIController().addRoutes(to: router)
    try VerifierPageController(country: services.certificates.country).addRoutes(to: router)
    try DashboardPageController().addRoutes(to: router)
    // Last, so it wraps only the not-found responder and sees every route.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
    return router
}
