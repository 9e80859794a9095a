import HTTPTypes
import HealthServices

extension StoreError: ProblemConvertible {
    /// Storage failed for a reason that is not the client's: 500, with the reason kept for the log only.
    var problem: APIError {
        APIError(
            .internalServerError, code: "internal-error",
            detail: "The server failed to handle the request; it has been logged.")
    }
}
