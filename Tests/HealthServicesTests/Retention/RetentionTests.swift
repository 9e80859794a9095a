import Logging
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// Enrolment challenges (finished or not) and one-time code messages are deleted once their retention period has
/// passed, and nothing else is.
@Suite struct RetentionTests {
    /// Rows left: unfinished challenges, completed challenges, outbox messages.
    static func rows(_ harness: ServiceHarness) async throws -> (unfinished: Int, completed: Int, outbox: Int) {
        (
            try await harness.storage.count("SELECT count(*) FROM enrolment_challenges WHERE consumed_at IS NULL"),
            try await harness.storage.count("SELECT count(*) FROM enrolment_challenges WHERE consumed_at IS NOT NULL"),
            try await harness.storage.count("SELECT count(*) FROM outbox")
        )
    }

    @Test(arguments: StorageBackend.allCases) func enrolmentChallengesAndCodeMessagesAreGoneAfterAnHour(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Never Finished"),
            phone: "+97336001234")
        _ = try await harness.citizen("880412345")
        let retention = harness.services.retention
        #expect(try await Self.rows(harness) == (1, 1, 2))

        harness.clock.advance(seconds: 3599)
        #expect(try await retention.run() == RetentionReport(enrolmentChallenges: 0, outboxMessages: 0))
        #expect(try await Self.rows(harness) == (1, 1, 2))

        harness.clock.advance(seconds: 1)
        #expect(try await retention.run() == RetentionReport(enrolmentChallenges: 2, outboxMessages: 2))
        #expect(try await Self.rows(harness) == (0, 0, 0))
        // The enrolled person stays, and can log in again with a new code.
        _ = try await harness.citizen("880412345")
        #expect(try await retention.run() == RetentionReport(enrolmentChallenges: 0, outboxMessages: 0))
    }

    @Test(arguments: StorageBackend.allCases) func anUnexpiredCodeSurvivesAndStillVerifies(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Slow Reader"), phone: "+97336001234"
        )
        harness.clock.advance(seconds: 540)
        let retention = RetentionService(
            store: harness.services.stores.retention, exposure: harness.services.stores.exposure,
            policy: RetentionPolicy(enrolmentChallenge: 60, oneTimeCodeMessage: 600),
            clock: harness.clock.wallClock)
        #expect(try await retention.run() == RetentionReport(enrolmentChallenges: 0, outboxMessages: 0))
        let code = try #require(try await harness.services.outbox.latest(limit: 1).first?.code)
        _ = try await harness.services.accounts.verify(nationalId: "900112345", code: code)
    }

    @Test(arguments: StorageBackend.allCases) func theServerJobDeletesOnItsOwn(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Never Finished"),
            phone: "+97336001234")
        harness.clock.advance(seconds: 7200)
        let job = RecurringJob.retention(
            harness.services.retention,
            interval: .milliseconds(20), logger: Logger(label: "retention-test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await job.run() }
            var left = try await Self.rows(harness)
            for _ in 0..<250 where left.unfinished + left.outbox > 0 {
                try await Task.sleep(for: .milliseconds(20))
                left = try await Self.rows(harness)
            }
            group.cancelAll()
            #expect(left.unfinished == 0 && left.outbox == 0)
        }
    }
}

/// A dependant who turns 18 is their own: from the retention pass after their birthday their guardian no longer
/// sees their records nor acts for them.
@Suite struct ComingOfAgeTests {
    @Test(arguments: StorageBackend.allCases) func aGuardianLosesADependantWhoTurns18(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let parent = try await harness.citizen("900112345")
        // The harness's day is 2026-03-01 in Bahrain: 17 today, 18 tomorrow.
        let child = try await harness.services.accounts.addDependant(
            nationalId: "080302345", dateOfBirth: "2008-03-02", names: .init(name: "Almost Grown"), by: parent)
        _ = try await harness.services.results.submit(
            [try harness.item("A-1", "080302345", "negative")], by: ServiceHarness.lab)
        #expect(try await harness.services.retention.run().dependantsOfAge == 0)
        #expect(try await harness.services.accounts.people(visibleTo: parent).map(\.id).contains(child.id))

        harness.clock.advance(seconds: 86_400)
        #expect(try await harness.services.retention.run().dependantsOfAge == 1)
        _ = try await harness.services.audit.seal()
        #expect(
            try await harness.storage.texts("SELECT subject FROM audit_log WHERE action = 'person.come-of-age'")
                == ["person:\(child.id)"])
        #expect(try await harness.services.accounts.people(visibleTo: parent).map(\.id) == [parent.personID])
        let hidden = await #expect(throws: ServiceError.self) {
            try await harness.services.results.results(for: parent, personID: child.id)
        }
        #expect(hidden?.code == .personNotFound)
        #expect(try await harness.services.results.results(for: parent, personID: nil).isEmpty)
    }
}
