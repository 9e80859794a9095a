import HTTPTypes
import HealthServices
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
                let credential = try access.credential(authorization: request.headers[.authorization], roles: roles)
                let principal = try await access.principal(verifying: credential)
                return try await handler(request, context, principal)
            } catch let error as ServiceError {
                throw error.apiError
            }
        }
    }

    /// A read-only handler for callers holding one of `roles` that checks their token inside its own database
    /// read, saving a trip to the database: it gets the credential, well formed but not yet looked up, and
    /// answers with what that read returned. When it throws, the token is checked on its own before its error
    /// is passed on, so a bad token is 401 and another role 403 whatever else is wrong with the request.
    func allow<Output: ResponseGenerator>(
        _ roles: Set<Role>,
        verifying handler:
            @escaping @Sendable (Request, AppRequestContext, BearerCredential) async throws -> Authenticated<Output>
    ) -> @Sendable (Request, AppRequestContext) async throws -> Output {
        { [access] request, context in
            do {
                let credential = try access.credential(authorization: request.headers[.authorization], roles: roles)
                do {
                    return try await handler(request, context, credential).value
                } catch {
                    _ = try await access.principal(verifying: credential)
                    throw error
                }
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
