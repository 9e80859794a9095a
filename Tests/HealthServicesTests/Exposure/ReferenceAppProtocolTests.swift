import CryptoCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ContactTracing
@testable import HealthAPI
@testable import HealthServices

/// The three upload calls exactly as Google's open-source Exposure Notifications app sends them (see
/// ``ReferenceApp``), on the reference servers' paths, and their answers read the way the app reads them:
/// `testtype`, `token`, `certificate`, `revisionToken`, and `errorCode` when refused.
@Suite struct ReferenceAppProtocolTests {
    /// The key server's routes over the services of a fresh fixture (SQLite, a clock moved by hand).
    static func withServer(_ body: @escaping @Sendable (KeyServerClient, KeyServerFixture) async throws -> Void)
        async throws
    {
        let fixture = try await KeyServerFixture(.sqlite)
        let app = try await buildApplication(
            AppConfiguration(storage: .memory, port: 0, logLevel: .critical), services: fixture.harness.services)
        try await app.test(.router) { client in try await body(KeyServerClient(client: client), fixture) }
    }

    @Test func theReferenceAppUploadsItsKeysAndReadsEveryAnswer() async throws {
        try await Self.withServer { server, fixture in
            let services = fixture.harness.services
            let code = try await services.exposureVerification.issue(
                testDate: "2026-02-28", symptomDate: "2026-02-27", by: fixture.harness.operatorPrincipal
            ).code
            let verified = try await server.send(
                "/api/verify", body: ReferenceApp.verifyBody(code: code), headers: ReferenceApp.headers)
            #expect(verified.status == .ok)
            #expect(verified.string("testtype") == "confirmed" && verified.string("testType") == "confirmed")
            #expect(verified.string("symptomDate") == "2026-02-27" && verified.string("testDate") == "2026-02-28")
            let token = try #require(verified.string("token"))

            let phone = TestPhone(days: 1...14, now: fixture.now)
            let certified = try await server.send(
                "/api/certificate", body: ReferenceApp.certificateBody(token: token, hmac: phone.hmac),
                headers: ReferenceApp.headers)
            #expect(certified.status == .ok)
            let certificate = try #require(certified.string("certificate"))
            let claims = try Self.claims(of: certificate)
            let now = fixture.harness.clock.wallClock.now().secondsSinceEpoch
            #expect(claims["nbf"] as? Int64 == now - 5 && claims["iat"] as? Int64 == now - 5)

            let published = try await server.send(
                "/v1/publish", body: ReferenceApp.publishBody(phone, certificate: certificate),
                headers: ReferenceApp.headers)
            #expect(published.status == .ok && published.object["insertedExposures"] as? Int == 14)
            #expect(published.string("revisionToken") != nil && published.object["code"] == nil)

            let wrongCode = try await server.send(
                "/api/verify", body: ReferenceApp.verifyBody(code: "0000000000"), headers: ReferenceApp.headers)
            Self.expectRefusal(wrongCode, 400, ours: "invalid-verification-code", theirs: "code_invalid")
            #expect(wrongCode.body.count == verified.body.count, "a refusal is as long as an answer")

            let reusedToken = try await server.send(
                "/api/certificate", body: ReferenceApp.certificateBody(token: token, hmac: phone.hmac),
                headers: ReferenceApp.headers)
            Self.expectRefusal(reusedToken, 400, ours: "invalid-verification-token", theirs: "token_invalid")
            #expect(reusedToken.body.count == certified.body.count, "a refusal is as long as an answer")

            try await Self.oneKeyTooOldIsDroppedAndTheOthersStored(server, fixture: fixture, published: published)
            try await Self.expiredCodesAndTokensAreToldApart(server, fixture: fixture)
        }
    }

    @Test func aCodeOfATypeTheAppDoesNotAcceptIsRefusedAndStaysUsable() async throws {
        try await Self.withServer { server, fixture in
            let code = try await fixture.harness.services.exposureVerification.issue(
                testDate: "2026-02-28", symptomDate: nil, by: fixture.harness.operatorPrincipal
            ).code
            let userReportsOnly = try await server.send(
                "/v1/exposure/verify", body: #"{"code":"\#(code)","accept":["user-report"]}"#)
            Self.expectRefusal(userReportsOnly, 412, ours: "unsupported-test-type", theirs: "unsupported_test_type")
            // A code that does not exist gets the same answer: it must not tell a guess that hit.
            let wrongCode = try await server.send(
                "/v1/exposure/verify", body: #"{"code":"0000000000","accept":["user-report"]}"#)
            Self.expectRefusal(wrongCode, 412, ours: "unsupported-test-type", theirs: "unsupported_test_type")
            let unknown = try await server.send(
                "/v1/exposure/verify", body: #"{"code":"\#(code)","accept":["positive"]}"#)
            Self.expectRefusal(unknown, 400, ours: "invalid-test-type", theirs: "invalid_test_type")
            let malformed = try await server.send("/api/verify", body: #"{"code":1}"#)
            #expect(malformed.status == .badRequest && malformed.string("errorCode") == "unparsable_request")
            // Nothing was used up: the app that takes confirmed diagnoses gets its token.
            let accepted = try await server.send(
                "/api/verify", body: #"{"code":"\#(code)","accept":["confirmed"],"nonce":"bm9uY2U="}"#)
            #expect(accepted.status == .ok && accepted.string("testtype") == "confirmed")
            #expect(accepted.object["symptomDate"] == nil)
        }
    }

    /// Fourteen keys of which one is 16 days old: that one is dropped and named, the 13 others stored.
    static func oneKeyTooOldIsDroppedAndTheOthersStored(
        _ server: KeyServerClient, fixture: KeyServerFixture, published: KeyServerClient.Answer
    ) async throws {
        var phone = TestPhone(days: 1...13, now: fixture.now)
        phone.keys.insert(TestPhone(days: 16...16, now: fixture.now).keys[0], at: 0)
        let partial = try await server.send(
            "/v1/publish",
            body: ReferenceApp.publishBody(phone, certificate: try await fixture.certificate(for: phone)),
            headers: ReferenceApp.headers)
        #expect(partial.status == .ok && partial.string("code") == "partial_failure")
        #expect(partial.object["insertedExposures"] as? Int == 13)
        let warnings = try #require(partial.object["warnings"] as? [String])
        #expect(warnings.count == 1 && warnings[0].hasPrefix("key 0 ") && warnings[0].hasSuffix("key-too-old"))
        #expect(partial.body.count == published.body.count, "a partial failure is as long as an answer")
    }

    /// A code a day old is `code_expired`, a token a day old `token_expired`: the app asks for a new code.
    static func expiredCodesAndTokensAreToldApart(_ server: KeyServerClient, fixture: KeyServerFixture) async throws {
        let services = fixture.harness.services
        let late = try await services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: nil, by: fixture.harness.operatorPrincipal)
        let early = try await services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: nil, by: fixture.harness.operatorPrincipal)
        let token = try #require(
            try await server.send(
                "/api/verify", body: ReferenceApp.verifyBody(code: early.code), headers: ReferenceApp.headers
            ).string("token"))
        fixture.harness.clock.advance(seconds: 86_400)
        let expiredCode = try await server.send(
            "/api/verify", body: ReferenceApp.verifyBody(code: late.code), headers: ReferenceApp.headers)
        Self.expectRefusal(expiredCode, 400, ours: "expired-verification-code", theirs: "code_expired")
        let expiredToken = try await server.send(
            "/api/certificate",
            body: ReferenceApp.certificateBody(token: token, hmac: TestPhone(days: 1...1, now: fixture.now).hmac),
            headers: ReferenceApp.headers)
        Self.expectRefusal(expiredToken, 400, ours: "expired-verification-token", theirs: "token_expired")
    }

    static func expectRefusal(
        _ answer: KeyServerClient.Answer, _ status: Int, ours: String, theirs: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(answer.status.code == status, sourceLocation: sourceLocation)
        #expect(answer.headers[.contentType] == ProblemDetails.mediaType, sourceLocation: sourceLocation)
        #expect(answer.problemCode == ours, sourceLocation: sourceLocation)
        #expect(answer.string("errorCode") == theirs, sourceLocation: sourceLocation)
        #expect(answer.string("error")?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(answer.string("padding")?.isEmpty == false, sourceLocation: sourceLocation)
    }

    /// The JWS payload of a certificate.
    static func claims(of certificate: String) throws -> [String: Any] {
        let payload = try #require(certificate.split(separator: ".").dropFirst().first)
        let bytes = try #require(Base64URL.decode(payload.utf8))
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }
}
