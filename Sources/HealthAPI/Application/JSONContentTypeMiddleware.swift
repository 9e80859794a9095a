import HealthServices
public import Hummingbird

/// Refuses a request body that is not declared as JSON with 415 `unsupported-media-type`: every route that reads
/// a body reads JSON. Requests without a body pass whatever their headers; unmatched paths stay 404 or 405.
public struct JSONContentTypeMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if context.endpointPath != nil, Self.hasBody(request), !Self.isJSON(request.headers[.contentType]) {
            throw APIError(
                .unsupportedMediaType, code: "unsupported-media-type",
                detail: "The request body must be JSON, sent as Content-Type: application/json.")
        }
        return try await next(request, context)
    }

    /// A body is declared by a non-zero Content-Length or by chunked transfer.
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength] { return Int(length) != 0 }
        return request.headers[.transferEncoding] != nil
    }

    /// `application/json` or a `+json` type such as `application/merge-patch+json`, with any parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = String(contentType.prefix { $0 != ";" }).trimmingWhitespace().lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
