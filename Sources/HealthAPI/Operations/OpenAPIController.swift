import Foundation
import HealthServices
import Hummingbird

/// Serves the committed OpenAPI 3.1 description of this API.
struct OpenAPIController: Sendable {
    /// The document's bytes, read once at start-up from the target's resources.
    let document: ByteBuffer

    init() throws {
        document = ByteBuffer(bytes: try Data(contentsOf: Self.documentURL()))
    }

    /// Where the bundled document is.
    static func documentURL() throws -> URL {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw APIError(
                .internalServerError, code: "openapi-missing", detail: "The OpenAPI document is not bundled.")
        }
        return url
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("openapi.json", use: serve)
    }

    @Sendable func serve(_ request: Request, context: AppRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: document))
    }
}
