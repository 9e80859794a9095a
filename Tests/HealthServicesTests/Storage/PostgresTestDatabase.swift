import Foundation
import HealthPostgres
import Logging
import PostgresNIO

/// A fresh, migrated database in the test cluster for one harness, so tests stay independent; its pool runs
/// until the harness is gone.
///
/// The cluster is the one `make test` starts (`scripts/with-postgres.sh`), named by `HEALTH_TEST_POSTGRES_URL`;
/// without it the PostgreSQL cases fail rather than skip.
final class PostgresTestDatabase: Sendable {
    static let urlVariable = "HEALTH_TEST_POSTGRES_URL"

    let storage: PostgresStorage
    /// The fresh database, for tests that open pools of their own on it.
    let location: PostgresLocation
    private let pool: Task<Void, Never>

    init() async throws {
        guard let url = ProcessInfo.processInfo.environment[Self.urlVariable],
            let server = PostgresLocation(url: url, password: nil)
        else {
            throw HarnessError(
                "\(Self.urlVariable) is not set to a postgres:// URL: run the tests with make test, which starts a "
                    + "PostgreSQL cluster (scripts/with-postgres.sh)")
        }
        let logger = Logger(label: "test-postgres") { _ in SwiftLogNoOpLogHandler() }
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = PostgresDatabase(server, logger: logger)
        let adminPool = Task { await admin.run() }
        defer { adminPool.cancel() }
        try await admin.client.query("CREATE DATABASE \(unescaped: name)")
        var location = server.database(name)
        location.maximumConnections = 6
        self.location = location
        // Hundreds of requests at once queue for these 6 connections, longer than the 2 s a server waits by default
        // on a machine busy with other suites; the harness's tests are about rules, not load shedding, so they
        // wait. PostgresOutageTests set the bound they test.
        let storage = PostgresStorage(health: location, connectionWait: .seconds(60), logger: logger)
        self.storage = storage
        pool = Task { await storage.run() }
        try await storage.migrate()
    }

    deinit { pool.cancel() }

    /// The first column of each row of `sql` as text, `$1`, `$2`, … bound to `arguments`.
    func texts(_ sql: String, _ arguments: [String]) async throws -> [String?] {
        var bindings = PostgresBindings()
        for argument in arguments { bindings.append(argument) }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        var values: [String?] = []
        for try await row in try await storage.health.client.query(query) {
            values.append(try row.decode(String?.self))
        }
        return values
    }
}
