import HealthServices
public import Hummingbird

/// Refuses a request body that is not declared as JSON in UTF-8 with 415 `unsupported-media-type`: every route that
/// reads a body reads JSON, which RFC 8259 §8.1 has in UTF-8. Requests without a body pass whatever their headers;
/// unmatched paths stay 404 or 405.
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
                detail: "The request body must be JSON in UTF-8, sent as Content-Type: application/json.")
        }
        return try await next(request, context)
    }

    /// A body is declared by a non-zero Content-Length or by chunked transfer.
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength] { return Int(length) != 0 }
        return request.headers[.transferEncoding] != nil
    }

    /// `application/json` or a `+json` type such as `application/merge-patch+json`, with any parameters but a
    /// charset other than UTF-8: a decoder given UTF-16 reads it as such, and its bytes would pass the checks the
    /// body's text gets (a NUL escape, a member given twice) unseen.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        var parts = contentType.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        let mediaType = String(parts.next() ?? "").trimmingWhitespace().lowercased()
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
        else { return false }
        while let parameter = parts.next() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingWhitespace().lowercased() == "charset" else { continue }
            let charset = String(pair[1]).trimmingWhitespace().lowercased()
            guard charset == "utf-8" || charset == "\"utf-8\"" else { return false }
        }
        return true
    }
}
