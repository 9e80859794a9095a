import Foundation
import HealthPostgres
import HealthServices
import Logging
import PostgresNIO
import Testing

/// A PostgreSQL server that cannot be reached is a clear, temporary refusal: the wait for a connection is bounded.
@Suite struct PostgresOutageTests {
    static let logger = Logger(label: "test-postgres") { _ in SwiftLogNoOpLogHandler() }
    static let clock = ContinuousClock()

    @Test func readsWaitAtMostTheConnectionWaitWhileNothingAnswersThenAreRefusedAsUnavailable() async throws {
        let database = try await Self.unreachableDatabase(wait: .milliseconds(500))
        let pool = Task { await database.run() }
        defer { pool.cancel() }
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
        #expect(outcomes.allSatisfy { $0.1 == .databaseUnavailable })
        #expect(outcomes.allSatisfy { $0.0 >= .milliseconds(450) && $0.0 < .milliseconds(1_500) }, "\(outcomes)")
        #expect(database.usage == ConnectionPoolUsage(inUse: 0, waiting: 0))
    }

    @Test func aWaitingReadCountsAsWaitingAndEndsAtOnceWhenCancelled() async throws {
        let database = try await Self.unreachableDatabase(wait: .seconds(30))
        let pool = Task { await database.run() }
        defer { pool.cancel() }
        let read = Task { try await database.read { try await $0.first("SELECT 1") { try $0.decode(Int.self) } } }
        try await Task.sleep(for: .milliseconds(300))
        #expect(database.usage.waiting == 1)
        let elapsed = await Self.clock.measure {
            read.cancel()
            _ = await read.result
        }
        #expect(elapsed < .milliseconds(500))
        #expect(database.usage == ConnectionPoolUsage(inUse: 0, waiting: 0))
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
