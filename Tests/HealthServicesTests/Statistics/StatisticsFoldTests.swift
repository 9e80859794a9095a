import Foundation
import HealthPostgres
import HealthServices
import Logging
import PostgresNIO
import Testing

/// PostgreSQL keeps a day's count in a row per writer's shard; folding makes the past days' rows one each without
/// changing a count, never waits on a writer, and takes a held row on a later pass. SQLite keeps one row per count
/// and has nothing to fold.
@Suite struct StatisticsFoldTests {
    /// Rows per metric and day that ``spreadOverShards(_:)`` leaves.
    static let shardsUsed = 7

    @Test func foldingPastDaysKeepsEveryCount() async throws {
        let harness = try await ServiceHarness(.postgres)
        try await StatisticsCountsTests.write(harness)
        try await Self.spreadOverShards(harness.storage)
        let counts = harness.storage.stores.statistics
        let span = (CalendarDate(iso8601: "2025-01-01")!, CalendarDate(iso8601: "2026-12-31")!)
        let before = try await counts.dayCounts(from: span.0, to: span.1)
        let pivot = "2026-03-06"
        let pastRows = try await harness.storage.count(
            "SELECT count(*) FROM statistics_counts WHERE day < CAST($1 AS date)", pivot)
        let laterRows = "SELECT count(*) FROM statistics_counts WHERE day >= CAST($1 AS date)"
        let later = try await harness.storage.count(laterRows, pivot)
        #expect(pastRows > 0 && later > 0, "the records span the pivot")

        #expect(try await counts.foldCounts(before: CalendarDate(iso8601: pivot)!) == pastRows)
        #expect(Set(try await counts.dayCounts(from: span.0, to: span.1)) == Set(before))
        let pastShards = try await harness.storage.texts(
            "SELECT DISTINCT shard::text FROM statistics_counts WHERE day < CAST($1 AS date)", pivot)
        #expect(pastShards == ["-1"])
        #expect(try await harness.storage.count(laterRows, pivot) == later)
        #expect(try await counts.foldCounts(before: CalendarDate(iso8601: pivot)!) == 0)

        // The server's pass folds every day before the clock's today.
        #expect(try await harness.services.statistics.foldPastCounts() > 0)
        #expect(Set(try await counts.dayCounts(from: span.0, to: span.1)) == Set(before))
    }

    /// Were the fold to wait on the writer it would wait on this test, which holds the row until the fold returns:
    /// the fold's one-second lock timeout turns that into a failure.
    @Test func aRowAWriterHoldsIsLeftForTheNextPass() async throws {
        let harness = try await ServiceHarness(.postgres)
        try await StatisticsCountsTests.write(harness)
        try await Self.spreadOverShards(harness.storage)
        guard case .postgres(let test) = harness.storage else { return }
        let today = harness.clock.wallClock.now().date.iso8601
        let held = try #require(
            try await harness.storage.texts(
                "SELECT metric || ' ' || day FROM statistics_counts WHERE day < CAST($1 AS date) AND shard = 3 LIMIT 1",
                today
            ).first ?? nil)
        let parts = held.split(separator: " ").map(String.init)
        let total = "SELECT sum(count) FROM statistics_counts WHERE metric = $1 AND day = CAST($2 AS date)"
        let totalBefore = try await harness.storage.count(total, parts[0], parts[1])

        let foldedWhileHeld = try await test.storage.health.client.withConnection { connection in
            try await connection.query("BEGIN", logger: Self.logger)
            try await connection.query(
                "UPDATE statistics_counts SET count = count + 1 WHERE metric = \(parts[0]) AND day = \(parts[1])::date AND shard = 3",
                logger: Self.logger)
            do {
                let folded = try await harness.services.statistics.foldPastCounts()
                try await connection.query("COMMIT", logger: Self.logger)
                return folded
            } catch {
                Issue.record("\(String(reflecting: error))")
                throw error
            }
        }
        let pastRows = "SELECT count(*) FROM statistics_counts WHERE day < CAST($1 AS date) AND shard >= 0"
        #expect(foldedWhileHeld > 0)
        #expect(try await harness.storage.count(pastRows, today) == 1, "the held row alone is left")
        #expect(try await harness.storage.count(total, parts[0], parts[1]) == totalBefore + 1)

        #expect(try await harness.services.statistics.foldPastCounts() == 1)
        #expect(try await harness.storage.count(pastRows, today) == 0)
        #expect(try await harness.storage.count(total, parts[0], parts[1]) == totalBefore + 1)
    }

    @Test func sqliteHasNothingToFold() async throws {
        let harness = try await ServiceHarness(.sqlite)
        try await StatisticsCountsTests.write(harness)
        let rows = try await harness.storage.count("SELECT count(*) FROM statistics_counts")
        #expect(try await harness.services.statistics.foldPastCounts() == 0)
        #expect(try await harness.storage.count("SELECT count(*) FROM statistics_counts") == rows)
    }

    static let logger = Logger(label: "statistics-fold-test") { _ in SwiftLogNoOpLogHandler() }

    /// Rewrites every count as ``shardsUsed`` rows of shards 1…7 with the same sum, as concurrent writers leave it:
    /// one statement, since each statement may run on another of the pool's connections.
    static func spreadOverShards(_ storage: HarnessStorage) async throws {
        try await storage.execute(
            """
            WITH taken AS (
                DELETE FROM statistics_counts RETURNING metric, day, count
            ), totals AS (
                SELECT metric, day, sum(count) AS count FROM taken GROUP BY metric, day
            )
            INSERT INTO statistics_counts (metric, day, shard, count)
            SELECT metric, day, shard, CASE WHEN shard = \(shardsUsed) THEN count - \(shardsUsed - 1) ELSE 1 END
            FROM totals, generate_series(1, \(shardsUsed)) AS shard
            """)
    }
}
