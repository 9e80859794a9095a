import HTTPTypes
import HealthServices
import Hummingbird

/// Declares who may call a route: wraps a handler so it authenticates the bearer token and checks the role.
/// What a handler throws reaches the client through ``ProblemMiddleware``.
struct RouteGuard: Sendable {
    let access: AccessService

    /// Every role, for read-only routes any signed-in caller may use.
    static let anyone = Set(Role.allCases)

    /// A handler for callers holding one of `roles`: no token is 401, another role is 403. The token is checked
    /// when the request's head arrives, so a caller without one sends no body; a body then takes up to the body
    /// timeout to arrive, so the token is checked again once it has, and one revoked or expired meanwhile acts on
    /// nothing.
    func allow<Output: ResponseGenerator>(
        _ roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, AppRequestContext, Principal) async throws -> Output
    ) -> @Sendable (Request, AppRequestContext) async throws -> Output {
        { [access] request, context in
            var request = request
            var principal = try await access.principal(
                verifying: try access.credential(authorization: request.headers[.authorization], roles: roles))
            if JSONContentTypeMiddleware<AppRequestContext>.hasBody(request) {
                _ = try await request.collectBody(upTo: context.maxUploadSize)
                principal = try await access.principal(
                    verifying: try access.credential(authorization: request.headers[.authorization], roles: roles))
            }
            return try await handler(request, context, principal)
        }
    }

    /// A handler anyone may call without a token (enrolment): declared here like the others, so every route
    /// states who may call it.
    func open<Output: ResponseGenerator>(
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) -> @Sendable (Request, AppRequestContext) async throws -> Output {
        handler
    }
}
