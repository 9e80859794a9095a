import Foundation
import Logging
import PostgresNIO
import Synchronization
import TestSupport
import Testing

@testable import HealthPostgres
@testable import HealthServices

/// A PostgreSQL server that cannot be reached is a clear, temporary refusal, and a write is never answered with an
/// error when it committed, nor with success when it did not: the pool's wait is bounded, lost sessions run again,
/// and a COMMIT whose answer was lost is settled by asking the server (`pg_xact_status`). Connections are broken on
/// purpose by a proxy between the pool and the test cluster.
@Suite(.serialized) struct PostgresOutageTests {
    static let logger = Logger(label: "test-postgres") { _ in SwiftLogNoOpLogHandler() }
    static let clock = ContinuousClock()

    @Test func readsWaitAtMostTheConnectionWaitWhileNothingAnswersThenAreRefusedAsUnavailable() async throws {
        let database = try await Self.unreachableDatabase(wait: .milliseconds(500))
        let pool = Task { await database.run() }
        defer { pool.cancel() }
        // How long this process's tasks could not run while the reads waited: the deadlines are kept by a task
        // ticking on the same threads, which other suites of a two-core test run may hold for seconds.
        let gauge = StallGauge()
        let gauging = Task { await gauge.run() }
        defer { gauging.cancel() }
        let outcomes = await withTaskGroup(of: (Duration, StoreError.Code?).self) { group in
            for _ in 0..<20 {
                group.addTask {
                    var code: StoreError.Code?
                    let elapsed = await Self.clock.measure {
                        do {
                            _ = try await database.read { try await $0.first("SELECT 1") { try $0.decode(Int.self) } }
                        } catch {
                            code = (error as? StoreError)?.code
                        }
                    }
                    return (elapsed, code)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let stalled = gauge.stalled
        #expect(outcomes.allSatisfy { $0.1 == .databaseUnavailable })
        // They waited, and then ended within a tick of the deadline watch (100 ms) and some slack, plus however long
        // the process could not run its tasks.
        #expect(
            outcomes.allSatisfy { $0.0 >= .milliseconds(450) && $0.0 < .milliseconds(1_100) + stalled },
            "\(outcomes), stalled \(stalled)")
        #expect(database.usage == ConnectionPoolUsage(inUse: 0, waiting: 0))
    }

    @Test func aWaitingReadCountsAsWaitingAndEndsAtOnceWhenCancelled() async throws {
        let database = try await Self.unreachableDatabase(wait: .seconds(30))
        let pool = Task { await database.run() }
        defer { pool.cancel() }
        let read = Task { try await database.read { try await $0.first("SELECT 1") { try $0.decode(Int.self) } } }
        let started = ContinuousClock.now
        while database.usage.waiting == 0, ContinuousClock.now < started + .seconds(20) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(database.usage.waiting == 1)
        let elapsed = await Self.clock.measure {
            read.cancel()
            _ = await read.result
        }
        // At once, next to the 30 s it would have waited (a busy test process may take a moment to get to it).
        #expect(elapsed < .seconds(10))
        #expect(database.usage == ConnectionPoolUsage(inUse: 0, waiting: 0))
        await #expect(throws: CancellationError.self) { try await read.value }
    }

    @Test func aCommitWhoseAnswerWasLostIsAnsweredAsDone() async throws {
        let proxied = try await ProxiedDatabase()
        defer { proxied.close() }
        try await proxied.waitForStatisticsOlderThan(.seconds(2))
        proxied.proxy.arm(.after("COMMIT\0"))
        let value = try await proxied.database.write { session in
            try await Self.audit("lost-answer", on: session)
            return 7
        }
        #expect(value == 7)
        #expect(try await proxied.auditEntries("lost-answer") == 1)
    }

    @Test func aCommitThatNeverReachedTheServerRunsAgainOnAnotherConnection() async throws {
        let proxied = try await ProxiedDatabase()
        defer { proxied.close() }
        let runs = Atomic<Int>(0)
        try await proxied.database.write { session in
            runs.add(1, ordering: .relaxed)
            if runs.load(ordering: .relaxed) == 1 { proxied.proxy.arm(.before("COMMIT\0")) }
            try await Self.audit("commit-never-arrived", on: session)
        }
        #expect(runs.load(ordering: .relaxed) == 2)
        #expect(try await proxied.auditEntries("commit-never-arrived") == 1)
    }

    @Test func aSessionLostMidWriteRunsTheWriteAgain() async throws {
        let proxied = try await ProxiedDatabase()
        defer { proxied.close() }
        let runs = Atomic<Int>(0)
        proxied.proxy.arm(.before("lost_here"))
        try await proxied.database.write { session in
            runs.add(1, ordering: .relaxed)
            try await Self.audit("lost-mid-write", on: session)
            try await session.run("SELECT 1 AS lost_here")
        }
        #expect(runs.load(ordering: .relaxed) == 2)
        #expect(try await proxied.auditEntries("lost-mid-write") == 1)
    }

    /// Crash recovery resets PostgreSQL's statistics and may hand a lost transaction's id to another transaction,
    /// so a "committed" read just after a reset proves nothing: the write is answered as unknown (and here it did
    /// commit, so an error saying "not saved" would have been false).
    @Test func aCommitWhoseAnswerWasLostRightAfterAStatisticsResetIsUnknown() async throws {
        let proxied = try await ProxiedDatabase()
        defer { proxied.close() }
        _ = try await proxied.fresh.texts("SELECT pg_stat_reset_shared('archiver')::text", [])
        proxied.proxy.arm(.after("COMMIT\0"))
        let error = try await #require(throws: StoreError.self) {
            try await proxied.database.write { try await Self.audit("after-reset", on: $0) }
        }
        #expect(error.code == .writeOutcomeUnknown)
        #expect(try await proxied.auditEntries("after-reset") == 1)
    }

    /// A transaction id read back from a server started at another time than the one that gave it (a standby
    /// promoted in its place) may be another transaction's: "committed" there proves nothing, "aborted" still does.
    @Test func aCommitOutcomeReadFromAnotherServerIsUnknown() async throws {
        let proxied = try await ProxiedDatabase()
        defer { proxied.close() }
        try await proxied.waitForStatisticsOlderThan(.seconds(2))
        let began = ContinuousClock.now
        let committed = try #require(try await proxied.fresh.texts("SELECT pg_current_xact_id()::text", []).first)
        let started = try #require(
            try await proxied.fresh.texts("SELECT extract(epoch FROM pg_postmaster_start_time())::float8::text", [])
                .first)
        let id = try #require(committed.flatMap { Int64($0) })
        let start = try #require(started.flatMap { Double($0) })
        #expect(await proxied.database.commitOutcome(of: TransactionMark((id, start)), since: began) == .committed)
        let promoted = TransactionMark((id, start + 3600))
        #expect(await proxied.database.commitOutcome(of: promoted, since: began) == .unknown)
    }

    @Test func aCommitWhoseAnswerWasLostWithoutATransactionIDIsUnknown() async throws {
        let proxied = try await ProxiedDatabase()
        defer { proxied.close() }
        proxied.proxy.arm(.after("COMMIT\0"))
        let error = try await #require(throws: StoreError.self) {
            try await proxied.database.write { session in
                try await session.run("INSERT INTO outbox (recipient, body, created_at) VALUES ('+1', 'x', now())")
            }
        }
        #expect(error.code == .writeOutcomeUnknown)
    }

    /// Appends an audit entry whose subject names the test, as every audited write does.
    static func audit(_ subject: String, on session: PostgresSession) async throws {
        let event = AuditEvent(by: .commandLine(operatorName: "outage-test"), "test.write", subject: subject)
        try await AuditPostgresWriter.append(event, at: Timestamp(secondsSinceEpoch: 1_800_000_000), on: session)
    }

    /// A database on a loopback port where nothing listens (it was free a moment ago); its pool is not running.
    static func unreachableDatabase(wait: Duration) async throws -> HealthPostgres.PostgresDatabase {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        let location = PostgresLocation(user: "health", host: "127.0.0.1", port: port, database: "x", password: nil)
        return HealthPostgres.PostgresDatabase(location, connectionWait: wait, logger: logger)
    }
}

/// A fresh test database reached through a ``FaultyPostgresProxy``, with its own pool.
struct ProxiedDatabase {
    let fresh: PostgresTestDatabase
    let proxy: FaultyPostgresProxy
    let database: HealthPostgres.PostgresDatabase
    private let pool: Task<Void, Never>

    init() async throws {
        fresh = try await PostgresTestDatabase()
        let target = fresh.location
        proxy = try await FaultyPostgresProxy(to: target.host, port: target.port)
        // These tests are about what a lost connection does to a write, not how long a wait may last: the default
        // 2 s wait for a connection ran out once in a full two-core test run, whose other suites starve this
        // process ("did not answer in time"), so they wait longer.
        database = HealthPostgres.PostgresDatabase(
            PostgresLocation(
                user: target.user, host: "127.0.0.1", port: proxy.port, database: target.database, password: nil),
            connectionWait: .seconds(30), logger: PostgresOutageTests.logger)
        pool = Task { [database] in await database.run() }
    }

    func close() {
        pool.cancel()
        Task { [proxy] in await proxy.close() }
    }

    /// How many audit entries name `subject`, chained or still pending.
    func auditEntries(_ subject: String) async throws -> Int {
        let count = try await fresh.texts(
            """
            SELECT ((SELECT count(*) FROM audit_log WHERE subject = $1)
                + (SELECT count(*) FROM audit_pending WHERE subject = $1))::text
            """, [subject]
        ).first
        return Int((count ?? nil) ?? "") ?? -1
    }

    /// Waits until the cluster's statistics were last reset more than `age` ago (another test may just have reset
    /// them), so a settled COMMIT can be trusted.
    func waitForStatisticsOlderThan(_ age: Duration) async throws {
        let seconds = String(Double(age.components.seconds))
        while try await fresh.texts(
            "SELECT (clock_timestamp() - stats_reset > make_interval(secs => $1::float8))::text FROM pg_stat_archiver",
            [seconds]
        ).first == "false" {
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
