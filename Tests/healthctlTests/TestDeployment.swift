import Foundation
import TestSupport
import Testing

/// A deployment set up with `healthctl` as an operator would: an operator token, a centre with slots, and people
/// to book for. On SQLite its databases are in a fresh data directory; on PostgreSQL in a fresh database of the test
/// cluster (`HEALTH_TEST_POSTGRES_URL`, which `make test` sets). Servers started on it share the databases and the
/// data directory's keys.
struct TestDeployment {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    let directory: URL
    let data: String
    /// The PostgreSQL database's URL; nil on SQLite.
    let database: String?
    let token: String
    let start: String
    let slots: [String]
    let people: [String]
    /// The national id of each of `people`, in the same order.
    let nationalIDs: [String]

    /// `slotCount` slots of `capacity` seats, 15 minutes apart from tomorrow 08:00, and `peopleCount` people. The
    /// data directory is `directory/data`, in a fresh temporary directory unless `directory` is given; on PostgreSQL
    /// the database is a fresh one of the cluster at `cluster` (`postgres://…/postgres`; default: the test cluster).
    init(
        _ backend: Backend = .postgres, slotCount: Int, capacity: Int, peopleCount: Int, directory: URL? = nil,
        on cluster: String? = nil
    ) async throws {
        let database = backend == .postgres ? try await Self.freshDatabase(in: cluster ?? Self.testCluster()) : nil
        let directory = try directory ?? HealthCtlProcess.temporaryDirectory()
        let data = directory.appendingPathComponent("data").path
        func run(_ arguments: [String]) async throws -> Any {
            try await Self.json(arguments, data: data, database: database)
        }
        self.database = database
        self.directory = directory
        self.data = data
        token = try Self.string(
            "token", of: try await run(["tokens", "create", "--role", "operator", "--name", "shared-database"]))
        let centre = try Self.string(
            "id",
            of: try await run(["centres", "create", "--name", "Shared", "--area", "Capital", "--services", "pcr"]))
        start = AppointmentCommandTests.tomorrow
        let end = ISO8601DateFormatter().string(
            from: ISO8601DateFormatter().date(from: start)!.addingTimeInterval(TimeInterval(slotCount * 15 * 60)))
        _ = try await run([
            "slots", "create", "--centre", centre, "--service", "pcr", "--from", start, "--to", end, "--every", "15m",
            "--capacity", String(capacity),
        ])
        var csv = "nationalId,dateOfBirth,name,phone\n"
        for index in 0..<peopleCount { csv += String(format: "6%08d,1981-02-03,Person %d,\n", index, index) }
        let csvFile = directory.appendingPathComponent("people.csv")
        try Data(csv.utf8).write(to: csvFile)
        _ = try await run(["people", "import", csvFile.path])
        let listed = try await run(["people", "list", "--limit", String(peopleCount)]) as? [[String: Any]] ?? []
        people = listed.compactMap { $0["id"] as? String }
        nationalIDs = listed.compactMap { $0["nationalId"] as? String }
        slots = (try await run(["slots", "list", "--from", start, "--limit", "500"]) as? [[String: Any]] ?? [])
            .compactMap {
                $0["id"] as? String
            }
        guard people.count == peopleCount, slots.count == slotCount else {
            throw CocoaError(.coderValueNotFound, userInfo: [NSLocalizedDescriptionKey: "setup incomplete"])
        }
    }

    /// Removes the data directory (a PostgreSQL database goes with the cluster).
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new staff token of `role`.
    func token(role: String, name: String) async throws -> String {
        try Self.string(
            "token",
            of: try await Self.json(
                ["tokens", "create", "--role", role, "--name", name], data: data, database: database))
    }

    /// A `healthctl serve` on this deployment's database.
    func server() async throws -> ServerProcess {
        try await ServerProcess.start(data: data, database: database)
    }

    /// `healthctl ARGUMENTS --data DATA [--database DATABASE] --json`, its output parsed; throws when it fails.
    static func json(_ arguments: [String], data: String, database: String?) async throws -> Any {
        let run = try await HealthCtlProcess.run(
            arguments + ["--data", data] + (database.map { ["--database", $0] } ?? []) + ["--json"])
        guard run.status == 0 else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "healthctl \(arguments.prefix(2).joined(separator: " ")) exited \(run.status): "
                        + run.standardError + run.standardOutput.prefix(2_000)
                ])
        }
        return try AppointmentCommandTests.json(run.standardOutput)
    }

    /// `healthctl ARGUMENTS` on this deployment, its output parsed; throws when it fails.
    func json(_ arguments: [String]) async throws -> Any {
        try await Self.json(arguments, data: data, database: database)
    }

    /// `healthctl audit verify` on the database. On PostgreSQL it waits up to 30 s for a connection, not the 2 s a
    /// server's request does: the whole suite loads the test cluster, and a fresh process's first connection can take
    /// longer than that, which would fail the check without saying anything of the chain.
    func verifyAudit() async throws -> HealthCtlProcess.Result {
        try await HealthCtlProcess.run(
            ["audit", "verify", "--data", data] + (database.map { ["--database", $0, "--database-wait", "30"] } ?? []))
    }

    private static func string(_ key: String, of value: Any) throws -> String {
        guard let string = (value as? [String: Any])?[key] as? String else {
            throw CocoaError(.coderValueNotFound, userInfo: [NSLocalizedDescriptionKey: "no \(key)"])
        }
        return string
    }

    /// The test cluster's maintenance database, `HEALTH_TEST_POSTGRES_URL`.
    private static func testCluster() throws -> String {
        let variable = "HEALTH_TEST_POSTGRES_URL"
        guard let cluster = ProcessInfo.processInfo.environment[variable], cluster.hasSuffix("/postgres") else {
            throw CocoaError(
                .featureUnsupported,
                userInfo: [NSLocalizedDescriptionKey: "\(variable) is not set: run the tests with make test"])
        }
        return cluster
    }

    /// A fresh database in the cluster whose maintenance database is `cluster`, made with `psql`.
    private static func freshDatabase(in cluster: String) async throws -> String {
        let name = "shared_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let psql = try await ChildProcess("/usr/bin/psql", [cluster, "-q", "-c", "CREATE DATABASE \(name)"]).run()
        guard psql.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: psql.errorText])
        }
        return String(cluster.dropLast("postgres".count)) + name
    }
}
