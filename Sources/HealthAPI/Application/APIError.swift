public import HTTPTypes
import HealthServices
public import Hummingbird

/// An error the API reports to its client as RFC 9457 problem+json, with a stable machine `code`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// Stable, kebab-case, documented in the OpenAPI description (`slot-full`, `not-found`, …).
    public let code: String
    /// A human explanation for the client; never personal data.
    public let detail: String
    /// For a temporary refusal: how many seconds the client should wait before sending the request again
    /// (`Retry-After`).
    public let retryAfterSeconds: Int?

    public init(_ status: HTTPResponse.Status, code: String, detail: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.retryAfterSeconds = retryAfterSeconds
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = ProblemDetails(status: status, code: code, detail: detail, instance: request.uri.path).response
        if let retryAfterSeconds { response.headers[.retryAfter] = String(retryAfterSeconds) }
        return response
    }

    public static func notFound(_ detail: String = "No such resource.") -> APIError {
        APIError(.notFound, code: "not-found", detail: detail)
    }

    public static func badRequest(code: String = "malformed-request", _ detail: String) -> APIError {
        APIError(.badRequest, code: code, detail: detail)
    }
}
