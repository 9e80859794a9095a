import HealthServices
public import Hummingbird
import Logging

/// Turns every error a route throws into an RFC 9457 problem+json response, so clients never see another shape.
///
/// ``APIError`` keeps its status and code; the errors of the layers below (``ServiceError``, ``StoreError``,
/// `CertificateError`) each have one mapping (``ProblemConvertible``, in `Problems/`); Hummingbird's own errors
/// (unknown route, body too large, a body that doesn't decode) get a code from their status; anything else is
/// a 500 whose detail stays in the log.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as any ProblemConvertible {
            if let error = error as? StoreError {
                // A temporary refusal (a full disk, an outage) repeats for every request until it ends: a warning
                // each; the operator's alert is /readyz. Anything else is an error to look into.
                context.logger.log(
                    level: error.isTemporary ? .warning : .error, "storage failure",
                    metadata: ["code": "\(error.code)", "database": "\(error.database ?? "-")", "error": "\(error)"])
            }
            return try error.problem.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            let code = Self.code(for: error.status)
            let detail = (error as? HTTPError)?.body ?? Self.detail(for: error.status)
            return ProblemDetails(status: error.status, code: code, detail: detail, instance: request.uri.path).response
        } catch is DecodingError {
            return ProblemDetails(
                status: .badRequest,
                code: "malformed-request",
                detail: "The request body is not valid JSON of the expected shape.",
                instance: request.uri.path
            ).response
        } catch {
            context.logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))"])
            return ProblemDetails(
                status: .internalServerError,
                code: "internal-error",
                detail: "The server failed to handle the request; it has been logged.",
                instance: request.uri.path
            ).response
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .contentTooLarge: "body-too-large"
        case .badRequest: "malformed-request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .unsupportedMediaType: "unsupported-media-type"
        default: status.code < 500 ? "client-error" : "server-error"
        }
    }

    static func detail(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "No route or resource matches this request."
        case .contentTooLarge: "The request body is larger than the \(AppRequestContext.maxBodyBytes)-byte limit."
        default: status.reasonPhrase
        }
    }
}
