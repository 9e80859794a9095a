import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

@Suite struct ApplicationTests {
    private func withApp(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(
            AppConfiguration(storage: .memory, logLevel: .warning), services: try HealthServiceSet(.memory))
        try await app.test(.router, test)
    }

    @Test func livenessAndReadinessAnswer200() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"ok\""))
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"ready\""))
            }
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusInPrometheusText() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { _ in }
            try await client.execute(uri: "/no/such/route", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE http_requests_total counter"))
                #expect(text.contains(#"http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
                #expect(text.contains(#"http_requests_total{route="NotFound",method="GET",status="404"} 1"#))
                #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
                #expect(text.contains("http_request_duration_seconds_bucket{"))
                // The DSC made for the test signs for about two years yet.
                let left = text.split(separator: "\n").first { $0.hasPrefix("document_signer_signing_left_seconds ") }
                #expect((left?.split(separator: " ").last.flatMap { Double($0) } ?? 0) > 700 * 86_400)
            }
        }
    }

    @Test func unknownRouteIsAProblemDocument() async throws {
        try await withApp { client in
            try await client.execute(uri: "/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView))
                #expect(problem.status == 404)
                #expect(problem.code == "not-found")
                #expect(problem.instance == "/v1/nothing-here")
            }
        }
    }

    @Test func oversizeBodyIs413Problem() async throws {
        try await withApp { client in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: AppRequestContext.maxBodyBytes + 1)
            try await client.execute(uri: "/healthz", method: .post, body: body) { response in
                #expect(response.status == .contentTooLarge)
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "body-too-large")
            }
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
            }
        }
    }
}
