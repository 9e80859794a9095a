import Certificates
import HTTPTypes

extension CertificateError: ProblemConvertible {
    /// A certificate the request carried or asked for could not be read, verified or built: 422 with the
    /// certificate library's own code. Its reason may name internals, so the detail comes from the code alone.
    var problem: APIError {
        APIError(
            .unprocessableContent, code: code.rawValue, detail: "The certificate could not be processed (\(code)).")
    }
}
