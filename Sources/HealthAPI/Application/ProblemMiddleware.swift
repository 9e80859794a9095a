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
        } catch {
            return try Self.problem(for: error, logger: context.logger).response(from: request, context: context)
        }
    }

    /// The problem `error` is answered with; what needs looking into is logged (never the request's content).
    static func problem(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as any ProblemConvertible:
            if let error = error as? StoreError {
                // A temporary refusal (a full disk, an outage) repeats for every request until it ends: a warning
                // each; the operator's alert is /readyz. Anything else is an error to look into.
                logger.log(
                    level: error.isTemporary ? .warning : .error, "storage failure",
                    metadata: ["code": "\(error.code)", "database": "\(error.database ?? "-")", "error": "\(error)"])
            }
            return error.problem
        case let error as any HTTPResponseError:
            let detail = (error as? HTTPError)?.body ?? Self.detail(for: error.status)
            return APIError(error.status, code: Self.code(for: error.status), detail: detail)
        case is DecodingError:
            return APIError(
                .badRequest, code: "malformed-request",
                detail: "The request body is not valid JSON of the expected shape.")
        default:
            logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))"])
            return APIError(
                .internalServerError, code: "internal-error",
                detail: "The server failed to handle the request; it has been logged.")
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
