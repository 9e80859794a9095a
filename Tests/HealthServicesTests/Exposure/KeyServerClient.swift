import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// JSON over a test client, answering status, body and headers.
struct KeyServerClient {
    let client: any TestClientProtocol

    struct Answer {
        let status: HTTPResponse.Status
        let body: Data
        let headers: HTTPFields

        var object: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }

        var problemCode: String? {
            (try? JSONDecoder().decode(ProblemDetails.self, from: body))?.code
        }

        func string(_ name: String) -> String? { object[name] as? String }
    }

    func send(
        _ path: String, method: HTTPRequest.Method = .post, token: String? = nil, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Answer(status: response.status, body: Data(response.body.readableBytesView), headers: response.headers)
        }
    }
}
