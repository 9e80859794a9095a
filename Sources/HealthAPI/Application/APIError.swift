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

    public init(_ status: HTTPResponse.Status, code: String, detail: String) {
        self.status = status
        self.code = code
        self.detail = detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ProblemDetails(status: status, code: code, detail: detail, instance: request.uri.path).response
    }

    public static func notFound(_ detail: String = "No such resource.") -> APIError {
        APIError(.notFound, code: "not-found", detail: detail)
    }

    public static func badRequest(code: String = "malformed-request", _ detail: String) -> APIError {
        APIError(.badRequest, code: code, detail: detail)
    }
}
