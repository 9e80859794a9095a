import HealthServices
public import Hummingbird

/// `/v1/status`: the caller's shield (or a dependant's, or for operators anyone's by `personId`).
struct StatusController: Sendable {
    let status: StatusService
    let guard_: RouteGuard

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("v1/status", use: guard_.allow([.citizen, .operator, .admin], show))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> HealthStatus
    {
        let query = try request.queryParameters(allowing: ["personId"])
        return try await status.status(for: principal, personID: query["personId"])
    }
}

extension HealthStatus: ResponseEncodable {}
