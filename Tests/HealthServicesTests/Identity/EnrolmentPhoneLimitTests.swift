import Testing

@testable import HealthServices

/// Codes asked for one mobile number are limited per hour whatever the national IDs, so enrolment (which needs no
/// token) cannot flood a number with texts by walking through IDs; requests at once are counted one after the other.
@Suite struct EnrolmentPhoneLimitTests {
    @Test(arguments: StorageBackend.allCases) func codesForOneNumberStayWithinItsHourlyLimit(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let accounts = harness.services.accounts
        let limit = AccountService.maxCodesPerPhonePerHour
        let outcomes = await raceOutcomes(limit + 3) { index in
            try await accounts.enrol(
                nationalId: "9001123\(10 + index)", dateOfBirth: "1990-01-17", names: .init(name: "F"),
                phone: "+97336001235")
        }
        #expect(outcomes.filter { $0 == nil }.count == limit)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .tooManyCodes })
        let sent = try await harness.services.outbox.latest(limit: 50).filter { $0.to == "+97336001235" }
        #expect(sent.count == limit)

        // Another number is not held back by it, and the number is free again an hour later.
        try await accounts.enrol(
            nationalId: "900112399", dateOfBirth: "1990-01-17", names: .init(name: "F"), phone: "+97336001236")
        harness.clock.advance(seconds: 3601)
        try await accounts.enrol(
            nationalId: "900112398", dateOfBirth: "1990-01-17", names: .init(name: "F"), phone: "+97336001235")
    }
}
