import Foundation
public import HTTPTypes
import HealthServices
public import Hummingbird

/// An RFC 9457 problem document (`application/problem+json`), extended with a stable `code` member.
public struct ProblemDetails: Codable, Sendable, Equatable {
    /// A URI naming the problem type: our documentation anchor for `code`.
    public var type: String
    /// The status's reason phrase.
    public var title: String
    public var status: Int
    public var detail: String
    public var code: String
    /// The request path the problem occurred on.
    public var instance: String?
    /// On the exposure upload routes only: the message and the reference servers' code for ours, which the
    /// reference apps read (see ``ReferenceErrorCode``).
    public var error: String?
    public var errorCode: String?

    public init(status: HTTPResponse.Status, code: String, detail: String, instance: String? = nil) {
        self.type = "https://health.example/problems/\(code)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code
        self.instance = instance
    }

    public static let mediaType = "application/problem+json"

    /// The document as an HTTP response with the problem media type.
    public var response: Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: Self.mediaType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
