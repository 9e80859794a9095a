import HTTPTypes
import Hummingbird

/// Declares who may call a route: wraps a handler so it authenticates the bearer token, checks the role, and
/// turns ``ServiceError``s into problem responses.
struct RouteGuard: Sendable {
    let access: AccessService

    /// Every role, for read-only routes any signed-in caller may use.
    static let anyone = Set(Role.allCases)

    /// A handler for callers holding one of `roles`: no token is 401, another role is 403.
    func allow<Output: ResponseGenerator>(
        _ roles: Set<Role>,
        _ handler: @escaping @Sendable (Request, AppRequestContext, Principal) async throws -> Output
    ) -> @Sendable (Request, AppRequestContext) async throws -> Output {
        { [access] request, context in
            do {
                let principal = try await access.authenticate(authorization: request.headers[.authorization])
                guard roles.contains(principal.role) else {
                    throw ServiceError(.forbiddenRole, "The \(principal.role.rawValue) role may not use this route.")
                }
                return try await handler(request, context, principal)
            } catch let error as ServiceError {
                throw error.apiError
            }
        }
    }

    /// A handler anyone may call without a token (enrolment).
    func open<Output: ResponseGenerator>(
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) -> @Sendable (Request, AppRequestContext) async throws -> Output {
        { request, context in
            do {
                return try await handler(request, context)
            } catch let error as ServiceError {
                throw error.apiError
            }
        }
    }
}
