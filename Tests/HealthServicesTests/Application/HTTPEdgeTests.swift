import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// The answers at the HTTP edge itself: a method a path does not declare, and a body that is not JSON.
@Suite struct HTTPEdgeTests {
    private func withApp(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(
            AppConfiguration(storage: .memory, logLevel: .warning), services: try HealthServiceSet(.memory))
        try await app.test(.router, test)
    }

    private static func problem(_ response: TestResponse) throws -> ProblemDetails {
        #expect(response.headers[.contentType] == ProblemDetails.mediaType)
        return try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView))
    }

    @Test func anUndeclaredMethodOnAKnownPathIs405WithAllow() async throws {
        try await withApp { client in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/healthz", .post, "GET"),
                ("/v1/accounts", .get, "POST"),
                ("/v1/appointments/apt_123", .put, "DELETE, GET"),
                ("/v1/appointments/apt_123/check-in", .get, "POST"),
                ("/v1/slots", .patch, "GET, POST"),
            ]
            for (path, method, allowed) in cases {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allowed, "\(method) \(path)")
                    let problem = try Self.problem(response)
                    #expect(problem.code == "method-not-allowed" && problem.status == 405 && problem.instance == path)
                }
            }
        }
    }

    @Test func unknownPathsStay404() async throws {
        try await withApp { client in
            for (path, method) in [("/v1/nothing", HTTPRequest.Method.get), ("/v1/accounts/x/y", .post), ("/", .put)] {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .notFound, "\(method) \(path)")
                    #expect(response.headers[.allow] == nil)
                    let problem = try Self.problem(response)
                    #expect(problem.code == "not-found")
                }
            }
        }
    }

    @Test func aBodyThatIsNotDeclaredJSONIs415() async throws {
        let body = #"{"nationalId":"900112345","dateOfBirth":"1990-01-17","name":"Fatima Ali","phone":"+97336001234"}"#
        try await withApp { client in
            for contentType in [
                "text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                "application/json; charset=utf-16",
                "application/json;charset=ISO-8859-1", nil,
            ] {
                var headers = HTTPFields()
                if let contentType { headers[.contentType] = contentType }
                try await client.execute(
                    uri: "/v1/accounts", method: .post, headers: headers, body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unsupportedMediaType, "\(contentType ?? "no Content-Type")")
                    let problem = try Self.problem(response)
                    #expect(problem.code == "unsupported-media-type" && problem.status == 415)
                }
            }
            for contentType in [
                "application/json", "application/json; charset=utf-8", "Application/JSON",
                "application/json;charset=\"UTF-8\"",
            ] {
                try await client.execute(
                    uri: "/v1/accounts", method: .post, headers: [.contentType: contentType],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .accepted, "\(contentType)")
                }
            }
        }
    }

    @Test func requestsWithoutABodyNeedNoContentType() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.contentType: "text/plain"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/appointments/apt_1", method: .delete) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
