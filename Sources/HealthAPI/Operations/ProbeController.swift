import HealthServices
import Hummingbird

/// Liveness and readiness probes for the orchestrator and load balancer.
struct ProbeController: Sendable {
    let databases: [any DatabaseProbe]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz", use: liveness)
        router.get("readyz", use: readiness)
    }

    /// The process is up and serving HTTP.
    @Sendable func liveness(_ request: Request, context: AppRequestContext) -> ProbeStatus {
        ProbeStatus(status: "ok", databases: nil)
    }

    /// Every database answers: the server can take traffic. The answer names each database and how it did.
    @Sendable func readiness(_ request: Request, context: AppRequestContext) async throws -> ProbeStatus {
        var states: [String: String] = [:]
        for database in databases {
            states[database.name] = await database.isReachable() ? "ok" : "unreachable"
        }
        let unreachable = states.filter { $0.value != "ok" }.keys.sorted()
        guard unreachable.isEmpty else {
            throw APIError(
                .serviceUnavailable, code: "database-unreachable",
                detail: "Not answering: \(unreachable.joined(separator: ", ")).")
        }
        return ProbeStatus(status: "ready", databases: states)
    }
}

/// The body of a probe answer.
struct ProbeStatus: ResponseCodable {
    let status: String
    /// Each database the readiness probe asked, with `ok` or `unreachable`.
    let databases: [String: String]?
}
