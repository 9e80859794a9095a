import HTTPTypes
import Hummingbird

/// A refusal on the upload routes: our problem document, with the members the reference servers' apps read
/// (`error`, a message, and `errorCode`, the reference's code for ours: see ``ReferenceErrorCode``), padded like
/// the route's other answers, with `Retry-After` for a temporary refusal.
enum ReferenceProblem {
    static func response(
        _ problem: APIError, server: ReferenceErrorCode.Server, path: String, size: Int
    ) throws -> Response {
        var details = ProblemDetails(
            status: problem.status, code: problem.code, detail: problem.detail, instance: path)
        details.error = problem.detail
        details.errorCode = ReferenceErrorCode.code(for: problem, on: server)
        var response = try PaddedJSONResponse.response(
            details, size: size, status: problem.status, contentType: ProblemDetails.mediaType)
        if let seconds = problem.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}

/// The reference servers' error codes for ours: the verification server's for verify and certificate, the key
/// server's for publish. The README has the table.
enum ReferenceErrorCode {
    enum Server {
        case verification, key
    }

    static func code(for problem: APIError, on server: Server) -> String {
        switch server {
        case .verification:
            verification[problem.code] ?? (problem.status.code >= 500 ? "internal_server_error" : "unparsable_request")
        case .key:
            key[problem.code] ?? (problem.status.code >= 500 ? "internal_error" : "bad_request")
        }
    }

    private static let verification = [
        "invalid-verification-code": "code_invalid",
        "expired-verification-code": "code_expired",
        "invalid-test-type": "invalid_test_type",
        "unsupported-test-type": "unsupported_test_type",
        "invalid-verification-token": "token_invalid",
        "expired-verification-token": "token_expired",
        "invalid-hmac": "hmac_invalid",
    ]

    private static let key = [
        "unknown-health-authority": "unknown_health_authority_id",
        "invalid-certificate": "health_authority_verification_certificate_invalid",
        "certificate-expired": "health_authority_verification_certificate_invalid",
        "certificate-used": "health_authority_verification_certificate_invalid",
        "hmac-mismatch": "health_authority_verification_certificate_invalid",
        "invalid-revision-token": "invalid_revision_token",
        "key-already-published": "missing_revision_token",
    ]
}
