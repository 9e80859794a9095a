import Dispatch
import HTTPTypes
import HealthServices
public import Hummingbird
import Logging

/// Logs one line per request (method, route template, status, duration) and echoes the request id.
///
/// Hummingbird puts `hb.request.id` in the request logger's metadata, so every line a handler logs
/// carries it too. The route template is logged, never the concrete path or query: those can hold IDs.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var response = try await next(request, context)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        response.headers[HTTPField.Name("X-Request-ID")!] = context.id
        context.logger.info(
            "request",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.route": .string(context.endpointPath ?? "NotFound"),
                "http.status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible((milliseconds * 100).rounded() / 100),
            ]
        )
        return response
    }
}
