import CryptoCore
import Foundation
import HTTPTypes
import HealthServices
import Hummingbird

/// A JSON answer of the upload routes with a `padding` member of random base64 that brings the body to a fixed
/// size, so real, chaff and refused answers cannot be told apart by their length.
enum PaddedJSONResponse {
    /// The body size of each route's answers; larger content is sent with the smallest padding.
    static let verifyBytes = 640
    static let certificateBytes = 1024
    /// Room for a receipt naming every key of a full upload as dropped.
    static let publishBytes = 4096
    private static let minimumPadding = 16

    static func response(
        _ value: some Encodable, size: Int, status: HTTPResponse.Status = .ok, contentType: String = "application/json"
    ) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let content = try encoder.encode(value)
        // `{"padding":"…",` then the content's members: the content without its opening brace.
        let prefix = Array(#"{"padding":""#.utf8)
        let overhead = prefix.count + 2 + content.count - 1
        let length = max(minimumPadding, size - overhead)
        let padding = Data(SecureRandom.bytes(count: (length + 3) / 4 * 3)).base64EncodedString()
        var body = ByteBuffer()
        body.reserveCapacity(prefix.count + length + 2 + content.count)
        body.writeBytes(prefix)
        body.writeBytes(padding.utf8.prefix(length))
        body.writeStaticString(#"","#)
        body.writeBytes(content.dropFirst())
        return Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: body))
    }
}
