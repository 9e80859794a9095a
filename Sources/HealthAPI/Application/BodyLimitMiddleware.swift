import HealthServices
public import Hummingbird

/// Refuses a request whose declared body is over the context's limit with 413, before any of it is read.
///
/// Bodies without a Content-Length are bounded where routes collect them (`request.decode` honours
/// `maxUploadSize`), so both paths end in the same 413 problem.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > context.maxUploadSize {
            throw HTTPError(
                .contentTooLarge, message: "The request body is larger than the \(context.maxUploadSize)-byte limit.")
        }
        return try await next(request, context)
    }
}
