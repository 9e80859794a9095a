import Foundation
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// A phone cut off between the server using its code and answering may use the code again within 15 minutes of
/// its first use: it gets a new token and the earlier one no longer works; past that the code is used. The link
/// between the code and the token (the retry tag in both databases) is forgotten once the window has passed.
@Suite struct KeyServerRetryTests {
    private static let window: Int64 = 15 * 60

    private static func issueCode(_ fixture: KeyServerFixture) async throws -> String {
        try await fixture.harness.services.exposureVerification.issue(
            testDate: "2026-02-28", symptomDate: "2026-02-27", by: fixture.harness.operatorPrincipal
        ).code
    }

    /// What exchanging `token` for a certificate is refused with; nil when it works.
    private static func refusal(_ fixture: KeyServerFixture, token: String) async -> ServiceError? {
        do {
            _ = try await fixture.uploads.certificate(token: token, ekeyhmac: TestPhone(days: 1...1).hmac)
            return nil
        } catch {
            return error as? ServiceError
        }
    }

    @Test(arguments: StorageBackend.allCases) func aSecondUseWithinTheWindowGetsANewTokenAndVoidsTheFirst(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let code = try await Self.issueCode(fixture)
        let first = try await fixture.uploads.verify(code: code)
        fixture.harness.clock.advance(seconds: Self.window - 1)
        let second = try await fixture.uploads.verify(code: code)
        #expect(second.token != first.token && second.testType == "confirmed" && second.symptomDate == "2026-02-27")

        let unknown = await Self.refusal(fixture, token: ExposureSecret.make())
        let voided = await Self.refusal(fixture, token: first.token)
        #expect(unknown?.code == .invalidVerificationToken)
        #expect(voided?.code == unknown?.code && voided?.detail == unknown?.detail)
        #expect(await Self.refusal(fixture, token: second.token) == nil)
        #expect(try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM verification_tokens") == 1)
    }

    @Test(arguments: StorageBackend.allCases) func aThirdUseWithinTheWindowVoidsTheSecond(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        let code = try await Self.issueCode(fixture)
        var grants: [TokenGrant] = []
        for step in [0, 300, Self.window - 301] {
            fixture.harness.clock.advance(seconds: step)
            grants.append(try await fixture.uploads.verify(code: code))
        }
        #expect(Set(grants.map(\.token)).count == 3)
        #expect(await Self.refusal(fixture, token: grants[0].token)?.code == .invalidVerificationToken)
        #expect(await Self.refusal(fixture, token: grants[1].token)?.code == .invalidVerificationToken)
        #expect(await Self.refusal(fixture, token: grants[2].token) == nil)
    }

    @Test(arguments: StorageBackend.allCases) func pastTheWindowTheCodeIsUsedAndItsTokenStillWorks(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let code = try await Self.issueCode(fixture)
        let first = try await fixture.uploads.verify(code: code)
        fixture.harness.clock.advance(seconds: Self.window)
        let used = await #expect(throws: ServiceError.self) { try await fixture.uploads.verify(code: code) }
        #expect(used?.code == .invalidVerificationCode)
        #expect(used?.detail == "The code is unknown, used or no longer valid.")
        #expect(await Self.refusal(fixture, token: first.token) == nil)
    }

    /// Once the phone has exchanged its token it got the answer: the code has served, and a retry changes nothing.
    @Test(arguments: StorageBackend.allCases) func aRetryAfterTheTokenWasExchangedIsRefused(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        let code = try await Self.issueCode(fixture)
        let first = try await fixture.uploads.verify(code: code)
        #expect(await Self.refusal(fixture, token: first.token) == nil)
        fixture.harness.clock.advance(seconds: 60)
        let refused = await #expect(throws: ServiceError.self) { try await fixture.uploads.verify(code: code) }
        #expect(refused?.code == .invalidVerificationCode)
        #expect(try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM verification_tokens") == 1)
    }

    /// A retry whose token cannot be stored changes nothing: the code stays used within its window, the earlier
    /// token stays as it was, and the next retry replaces it.
    @Test(arguments: StorageBackend.allCases) func aRetryWhoseTokenCannotBeStoredCanBeRetried(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        let storage = fixture.harness.storage
        let code = try await Self.issueCode(fixture)
        let first = try await fixture.uploads.verify(code: code)
        try await storage.refuseVerificationTokens()
        await #expect(throws: (any Error).self) { try await fixture.uploads.verify(code: code) }
        try await storage.acceptVerificationTokens()
        let used = try await storage.count(
            "SELECT count(*) FROM exposure_verification_codes WHERE consumed_at IS NOT NULL AND retry_tag IS NOT NULL")
        #expect(used == 1)
        #expect(try await storage.count(in: .exposure, "SELECT count(*) FROM verification_tokens") == 1)

        let retried = try await fixture.uploads.verify(code: code)
        #expect(await Self.refusal(fixture, token: first.token)?.code == .invalidVerificationToken)
        #expect(await Self.refusal(fixture, token: retried.token) == nil)
    }

    /// Retries racing each other each replace the token before them: one token is left, and it is one of theirs.
    @Test(arguments: StorageBackend.allCases) func concurrentRetriesLeaveOneToken(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        let code = try await Self.issueCode(fixture)
        _ = try await fixture.uploads.verify(code: code)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<6 { group.addTask { try await fixture.uploads.verify(code: code).token } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(try await fixture.harness.storage.count(in: .exposure, "SELECT count(*) FROM verification_tokens") == 1)
        var working = 0
        for token in tokens where await Self.refusal(fixture, token: token) == nil { working += 1 }
        #expect(working == 1)
    }

    /// The retry tag is kept in both databases for the window, then the retention job erases it from each (from the
    /// key server's a few minutes later); the token keeps working, and a later use of the code is refused as used.
    @Test(arguments: StorageBackend.allCases) func theLinkIsForgottenOnceTheWindowHasPassed(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        let storage = fixture.harness.storage
        let code = try await Self.issueCode(fixture)
        let grant = try await fixture.uploads.verify(code: code)
        let codeTags = try await storage.texts(
            "SELECT \(storage.hex("retry_tag")) FROM exposure_verification_codes WHERE retry_tag IS NOT NULL")
        let tokenTags = try await storage.texts(
            in: .exposure, "SELECT \(storage.hex("retry_tag")) FROM verification_tokens WHERE retry_tag IS NOT NULL")
        #expect(codeTags.count == 1 && codeTags == tokenTags && codeTags.first??.count == 32)

        let retention = fixture.harness.services.retention
        fixture.harness.clock.advance(seconds: Self.window - 1)
        let early = try await retention.run()
        #expect(early.codeRetryTags == 0 && early.tokenRetryTags == 0)
        fixture.harness.clock.advance(seconds: 1)
        let closed = try await retention.run()
        // The key server keeps its half a while longer: a retry let in just before the close still finds it.
        #expect(closed.codeRetryTags == 1 && closed.tokenRetryTags == 0)
        fixture.harness.clock.advance(seconds: RetentionService.tokenTagGraceSeconds)
        let report = try await retention.run()
        #expect(report.tokenRetryTags == 1)
        let left = try await storage.count(
            "SELECT count(*) FROM exposure_verification_codes WHERE retry_tag IS NOT NULL")
        let leftTokens = try await storage.count(
            in: .exposure, "SELECT count(*) FROM verification_tokens WHERE retry_tag IS NOT NULL")
        #expect(left == 0 && leftTokens == 0)

        #expect(await Self.refusal(fixture, token: grant.token) == nil)
        let used = await #expect(throws: ServiceError.self) { try await fixture.uploads.verify(code: code) }
        #expect(used?.code == .invalidVerificationCode)
    }

    /// A first use whose token could not be stored reopens its code; but when the phone's retry got a token before
    /// the first use gave up, the retry's token works, and the code stays used: reopened, it would give a second
    /// token that works beside it.
    @Test(arguments: StorageBackend.allCases) func aFirstUseGivingUpAfterTheRetryLeavesTheCodeUsed(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        let code = try await Self.issueCode(fixture)
        let codes = fixture.harness.services.exposureVerification
        let first = try await codes.consume(code: code, at: fixture.harness.clock.wallClock.now())
        let retry = try await fixture.uploads.verify(code: code)
        try await codes.release(code: code, use: first)

        let again = try await fixture.uploads.verify(code: code)
        #expect(await Self.refusal(fixture, token: retry.token)?.code == .invalidVerificationToken)
        #expect(await Self.refusal(fixture, token: again.token) == nil)
        fixture.harness.clock.advance(seconds: Self.window)
        let used = await #expect(throws: ServiceError.self) { try await fixture.uploads.verify(code: code) }
        #expect(used?.code == .invalidVerificationCode)
    }
}
