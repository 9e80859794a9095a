import CryptoCore
import Foundation
import HealthServices
import Hummingbird

/// A JSON answer of the upload routes with a `padding` member of random base64 that brings the body to a fixed
/// size, so real and chaff answers cannot be told apart by their length.
enum PaddedJSONResponse {
    /// The body size of each route's answers; larger content is sent with the smallest padding.
    static let verifyBytes = 512
    static let certificateBytes = 1024
    static let publishBytes = 512
    private static let minimumPadding = 16

    static func response(_ value: some Encodable, size: Int) throws -> Response {
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
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }
}
