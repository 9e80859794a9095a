import Foundation
import HealthPostgres
import Logging
import PostgresNIO

/// Interleavings of two writes, made on purpose: a transaction of the test's own holds rows that the work under test
/// then queues behind, and commits once it does.
extension PostgresTestDatabase {
    private static let logger = Logger(label: "postgres-holding") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `holds` in a transaction that stays open while `start` runs and commits after it (rolled back when
    /// either throws). `start` begins the work under test (as tasks) and returns once ``waitUntilWaiting(_:)`` sees it
    /// queued behind the held rows.
    func holding<Value: Sendable>(_ holds: PostgresQuery..., while start: () async throws -> Value) async throws
        -> Value
    {
        try await storage.health.client.withConnection { connection in
            try await connection.query("BEGIN", logger: Self.logger)
            do {
                for hold in holds { try await connection.query(hold, logger: Self.logger) }
                let value = try await start()
                try await connection.query("COMMIT", logger: Self.logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
    }

    /// Polls for up to 30 seconds (a busy machine) until `count` sessions of this database wait on a lock; whether
    /// they did.
    func waitUntilWaiting(_ count: Int) async throws -> Bool {
        let waiting = """
            SELECT CAST(count(*) AS text) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
            """
        for _ in 0..<3_000 {
            if try await texts(waiting, []).first.flatMap({ $0.flatMap(Int.init) }) ?? 0 >= count { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
