import HealthServices
public import Hummingbird

/// Answers 405 with an `Allow` header, instead of 404, when the path names a route but the method is not one of
/// its methods. Added after every route, it wraps only the router's not-found responder.
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// One path template and the methods declared on it.
    struct Route: Sendable {
        let path: RouterPath
        var methods: [HTTPRequest.Method]

        /// Whether the request path fits the template, one segment per element.
        func matches(_ segments: [Substring]) -> Bool {
            path.components.count == segments.count
                && zip(path.components, segments).allSatisfy { element, segment in element ~= segment }
        }
    }

    let routes: [Route]

    /// `routes` is the router's list once every route is added.
    public init(routes: [Router<Context>.RouteDescription]) {
        var byPath: [String: Route] = [:]
        var order: [String] = []
        for route in routes {
            let key = route.path.description
            if byPath[key] == nil { order.append(key) }
            byPath[key, default: Route(path: route.path, methods: [])].methods.append(route.method)
        }
        self.routes = order.compactMap { byPath[$0] }
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            guard let route = routes.first(where: { $0.matches(segments) }) else { throw error }
            context.coreContext.endpointPath.value = route.path.description
            let allowed = route.methods.map(\.rawValue).joined(separator: ", ")
            var response = ProblemDetails(
                status: .methodNotAllowed, code: "method-not-allowed",
                detail: "This path answers \(allowed) only.", instance: request.uri.path
            ).response
            response.headers[.allow] = allowed
            return response
        }
    }
}
