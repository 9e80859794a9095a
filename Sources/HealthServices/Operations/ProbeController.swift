import Hummingbird

/// Liveness and readiness probes for the orchestrator and load balancer.
struct ProbeController: Sendable {
    let storage: HealthStorage

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz", use: liveness)
        router.get("readyz", use: readiness)
    }

    /// The process is up and serving HTTP.
    @Sendable func liveness(_ request: Request, context: AppRequestContext) -> ProbeStatus {
        ProbeStatus(status: "ok")
    }

    /// Both databases answer: the server can take traffic.
    @Sendable func readiness(_ request: Request, context: AppRequestContext) async throws -> ProbeStatus {
        guard await storage.isReachable() else {
            throw APIError(.serviceUnavailable, code: "database-unreachable", detail: "A database did not answer.")
        }
        return ProbeStatus(status: "ready")
    }
}

/// The body of a probe answer.
struct ProbeStatus: ResponseCodable {
    let status: String
}
