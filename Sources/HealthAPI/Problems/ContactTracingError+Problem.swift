import ContactTracing
import HTTPTypes

extension ContactTracingError: ProblemConvertible {
    /// Keys, sightings or an export the request carried could not be read or checked: 422 with the library's own
    /// code. The key server turns key problems into service errors with the key's position first; this mapping is
    /// for whatever still reaches the edge. The reason may quote the input, so the detail comes from the code alone.
    var problem: APIError {
        APIError(
            .unprocessableContent, code: code.description,
            detail: "The exposure keys or export could not be processed (\(code)).")
    }
}
