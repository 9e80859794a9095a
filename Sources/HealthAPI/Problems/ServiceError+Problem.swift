import HTTPTypes
import HealthServices

extension ServiceError: ProblemConvertible {
    /// The HTTP status for this error's category.
    var status: HTTPResponse.Status {
        switch code.category {
        case .invalidInput: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .preconditionFailed: .preconditionFailed
        case .tooManyRequests: .tooManyRequests
        }
    }

    var problem: APIError {
        APIError(status, code: code.rawValue, detail: detail)
    }
}
