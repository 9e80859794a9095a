import HTTPTypes
import HealthServices

extension StoreError: ProblemConvertible {
    /// Storage failed for a reason that is not the client's. A full disk and an unreachable database are
    /// temporary, so the client hears which it is and when to try again; anything else is a 500 whose reason stays
    /// in the log. The request's write did not happen, except after a COMMIT that went unanswered, which the client
    /// hears as exactly that.
    var problem: APIError {
        switch code {
        case .storageFull:
            APIError(
                Self.insufficientStorage, code: code.rawValue,
                detail: "The server's storage is full, so nothing was saved. Send the request again later.",
                retryAfterSeconds: Self.retryAfterSeconds)
        case .databaseUnavailable:
            APIError(
                .serviceUnavailable, code: code.rawValue,
                detail:
                    "The database did not answer in time (it is down or too busy), so nothing was saved. Send the "
                    + "request again later.",
                retryAfterSeconds: Self.retryAfterSeconds)
        case .writeOutcomeUnknown:
            APIError(
                .serviceUnavailable, code: code.rawValue,
                detail:
                    "The database stopped answering while saving, so it may or may not have been saved. Send the "
                    + "request again later with the same Idempotency-Key (or sample id), or check before sending it.",
                retryAfterSeconds: Self.retryAfterSeconds)
        default:
            APIError(
                .internalServerError, code: "internal-error",
                detail: "The server failed to handle the request; it has been logged.")
        }
    }

    /// 507, which HTTPTypes has no name for (RFC 4918 section 11.5).
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    /// How long a client is asked to wait after a temporary storage refusal.
    static let retryAfterSeconds = 5
}
