import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// `GET /verifier` and its files: content types, revalidation, the service worker's scope, and the page's own policy.
@Suite struct VerifierPageTests {
    func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(
            AppConfiguration(storage: .memory, logLevel: .warning), services: try HealthServiceSet(.memory))
        try await app.test(.router, body)
    }

    @Test func thePageIsServedWithItsPolicy() async throws {
        try await withApp { client in
            try await client.execute(uri: "/verifier", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(String(buffer: response.body).contains("<script type=\"module\" src=\"/verifier/app.js\">"))
            }
        }
    }

    @Test func filesHaveTheirTypesAndRevalidateWithTheirETag() async throws {
        try await withApp { client in
            let entityTag = try await client.execute(uri: "/verifier/verify.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/verifier/verify.js", method: .get, headers: [.ifNoneMatch: entityTag]) {
                response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/verifier/verifier.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.eTag] != entityTag)
            }
        }
    }

    @Test func theServiceWorkerMayControlThePage() async throws {
        try await withApp { client in
            try await client.execute(uri: "/verifier/sw.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Service-Worker-Allowed")!] == "/verifier")
            }
        }
    }

    @Test func anUnknownFileIsNotFound() async throws {
        try await withApp { client in
            for uri in ["/verifier/missing.js", "/verifier/..%2Fopenapi.json", "/verifier/openapi.json"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }
}
