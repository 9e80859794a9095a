import HTTPTypes
import HealthServices

extension ServiceError {
    /// The HTTP status for this error's category.
    var status: HTTPResponse.Status {
        switch code.category {
        case .invalidInput: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .tooManyRequests: .tooManyRequests
        }
    }

    /// The error as the API's problem+json error.
    var apiError: APIError {
        APIError(status, code: code.rawValue, detail: detail)
    }
}
