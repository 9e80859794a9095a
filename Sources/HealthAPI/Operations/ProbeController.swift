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

    /// Every database answers and none is out of space: the server can take traffic. The answer names each
    /// database and how it did; a refusal names the ones that are not ready.
    @Sendable func readiness(_ request: Request, context: AppRequestContext) async throws -> ProbeStatus {
        var states: [String: DatabaseState] = [:]
        for database in databases {
            states[database.name] = await database.state()
        }
        func names(_ state: DatabaseState) -> String {
            states.filter { $0.value == state }.keys.sorted().joined(separator: ", ")
        }
        if states.values.contains(.unreachable) {
            throw APIError(
                .serviceUnavailable, code: "database-unreachable", detail: "Not answering: \(names(.unreachable)).")
        }
        if states.values.contains(.full) {
            throw APIError(
                .serviceUnavailable, code: "storage-full",
                detail: "Out of space, the last write failed: \(names(.full)).")
        }
        return ProbeStatus(status: "ready", databases: states.mapValues(\.rawValue))
    }
}

/// The body of a probe answer.
struct ProbeStatus: ResponseCodable {
    let status: String
    /// Each database the readiness probe asked, with `ok`.
    let databases: [String: String]?
}
