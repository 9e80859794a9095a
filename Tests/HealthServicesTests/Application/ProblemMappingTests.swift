import Certificates
import ContactTracing
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HealthAPI
@testable import HealthServices

/// Every error type of the layers below HTTP reaches the client through the one mapping in `Problems/`, from
/// wherever a handler throws it: no route maps by hand, and none of them becomes a bare 500.
@Suite struct ProblemMappingTests {
    private struct Problem: Decodable, Sendable {
        let code: String
        let detail: String
    }

    private func problem(thrownBy error: any Error & Sendable) async throws -> (HTTPResponse.Status, Problem) {
        let (status, _, body) = try await answer(thrownBy: error)
        return (status, body)
    }

    private func answer(thrownBy error: any Error & Sendable) async throws -> (
        HTTPResponse.Status, HTTPFields, Problem
    ) {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("fail") { _, _ -> String in throw error }
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/fail", method: .get) { response in
                #expect(response.headers[.contentType] == "application/problem+json")
                return (
                    response.status, response.headers,
                    try JSONDecoder().decode(Problem.self, from: Data(String(buffer: response.body).utf8))
                )
            }
        }
    }

    @Test func serviceErrorsKeepTheirCodeAndCategoryStatus() async throws {
        let (status, body) = try await problem(thrownBy: ServiceError(.slotFull, "The slot has no seat left."))
        #expect(status == .conflict)
        #expect(body.code == "slot-full")
        #expect(body.detail == "The slot has no seat left.")
    }

    @Test func certificateErrorsAre422WithTheLibraryCodeAndNoInternalReason() async throws {
        let (status, body) = try await problem(
            thrownBy: CertificateError(.invalidPayload, "secret internal reason"))
        #expect(status == .unprocessableContent)
        #expect(body.code == CertificateError.Code.invalidPayload.rawValue)
        #expect(!body.detail.contains("secret"))
    }

    @Test func contactTracingErrorsAre422WithTheLibraryCodeAndNoInput() async throws {
        let (status, body) = try await problem(thrownBy: ContactTracingError(.keyTooOld, "key AAAA from day 2"))
        #expect(status == .unprocessableContent)
        #expect(body.code == "key-too-old")
        #expect(!body.detail.contains("AAAA"))
    }

    @Test func storeErrorsAre500WithoutTheirReason() async throws {
        let (status, body) = try await problem(thrownBy: StoreError("row 42 of people is corrupt"))
        #expect(status == .internalServerError)
        #expect(body.code == "internal-error")
        #expect(!body.detail.contains("row 42"))
    }

    @Test func aFullDiskAndAnUnreachableDatabaseAreTemporaryRefusalsWithRetryAfter() async throws {
        let (full, fullHeaders, fullBody) = try await answer(
            thrownBy: StoreError(.storageFull, "health.sqlite: SQLite error 13", database: "health.sqlite"))
        #expect(full.code == 507)
        #expect(fullBody.code == "storage-full")
        #expect(fullHeaders[.retryAfter] == "5")
        #expect(!fullBody.detail.contains("SQLite"))
        let (unavailable, unavailableHeaders, unavailableBody) = try await answer(
            thrownBy: StoreError(.databaseUnavailable, "no connection within 2 s"))
        #expect(unavailable == .serviceUnavailable)
        #expect(unavailableBody.code == "database-unavailable")
        #expect(unavailableHeaders[.retryAfter] == "5")
    }
}
