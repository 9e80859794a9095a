import HealthPostgres
import Logging
import PostgresNIO
import Testing

@testable import HealthAPI
@testable import HealthServices

/// On PostgreSQL an audited write appends its entry to `audit_pending` without waiting on other writes, and
/// `audit_seal` chains committed entries into `audit_log` afterwards: nothing committed is left out, nothing
/// uncommitted is chained, and the chain has no gap.
@Suite struct AuditSealingTests {
    private static func tokens(_ count: Int, _ harness: ServiceHarness, from first: Int = 0) async throws {
        for index in first..<(first + count) {
            _ = try await harness.services.access.issueStaffToken(
                role: .lab, name: "lab-\(index)", validForMinutes: 60, by: harness.operatorPrincipal)
        }
    }

    private static func pendingAndChained(_ harness: ServiceHarness) async throws -> (Int, Int) {
        (
            try await harness.storage.count("SELECT count(*) FROM audit_pending"),
            try await harness.storage.count("SELECT count(*) FROM audit_log")
        )
    }

    /// An entry whose transaction is still open when a seal runs is invisible to it and left pending, though
    /// appended before entries that are sealed; its commit makes the next seal chain it, after them.
    @Test func anEntryCommittedDuringASealIsChainedByTheNextOne() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        try await Self.tokens(2, harness)
        #expect(try await Self.pendingAndChained(harness) == (2, 0))

        let (appended, appendedSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let open = Task {
            try await database.storage.health.write { session in
                _ = try await session.run(
                    """
                    SELECT 1 FROM audit_append('2026-03-01T06:00:00Z', '2026-03-01T06:00:00Z', 'slow-writer', 'operator',
                        'test.slow', 'test:1', '{}')
                    """)
                appendedSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in appended { break }
        try await Self.tokens(1, harness, from: 2)

        #expect(try await harness.services.audit.seal() == 3)
        #expect(try await Self.pendingAndChained(harness) == (0, 3))
        releaseSignal.yield()
        try await open.value
        #expect(try await Self.pendingAndChained(harness) == (1, 3))
        #expect(try await harness.services.audit.seal() == 1)

        let result = try await harness.services.audit.verify()
        #expect(result.isIntact && result.checkedEntries == 4)
        let actions = try await harness.services.audit.latest(limit: 4).map(\.action)
        #expect(actions == ["test.slow", "token.create", "token.create", "token.create"])
    }

    /// Pending entries take no update and no delete but the seal's.
    @Test func pendingEntriesAreAppendOnly() async throws {
        let harness = try await ServiceHarness(.postgres)
        try await Self.tokens(1, harness)
        await #expect(throws: (any Error).self) {
            try await harness.storage.execute("UPDATE audit_pending SET actor = 'someone'")
        }
        await #expect(throws: (any Error).self) {
            try await harness.storage.execute("DELETE FROM audit_pending")
        }
        #expect(try await Self.pendingAndChained(harness) == (1, 0))
    }

    /// The server's job seals without anyone reading the log.
    @Test func theServerJobSealsOnItsOwn() async throws {
        let harness = try await ServiceHarness(.postgres)
        try await Self.tokens(20, harness)
        let job = RecurringJob.auditSealing(
            harness.services.audit, interval: .milliseconds(20), logger: Logger(label: "audit-sealing-test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await job.run() }
            var counts = try await Self.pendingAndChained(harness)
            for _ in 0..<250 where counts.0 > 0 {
                try await Task.sleep(for: .milliseconds(20))
                counts = try await Self.pendingAndChained(harness)
            }
            group.cancelAll()
            #expect(counts == (0, 20))
        }
        #expect(try await harness.services.audit.verify().checkedEntries == 20)
    }

    /// Only PostgreSQL leaves entries for a sealer, so only there does the server run the sealing job; on SQLite a
    /// written entry is in the chain at once.
    @Test(arguments: StorageBackend.allCases) func onlyPostgreSQLNeedsASealer(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend)
        #expect(harness.services.audit.needsSealing == (backend == .postgres))
        try await Self.tokens(1, harness)
        let chainedAtOnce = try await harness.storage.count("SELECT count(*) FROM audit_log")
        #expect(chainedAtOnce == (backend == .postgres ? 0 : 1))
        #expect(try await harness.services.audit.seal() == 1 - chainedAtOnce)
    }
}
