import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two `healthctl serve` processes on one PostgreSQL database, as two machines of one deployment would run:
/// seats, the audit chain and idempotency keys hold across them.
@Suite struct TwoServersOnePostgresTests {
    /// A fresh database in the test cluster (`HEALTH_TEST_POSTGRES_URL`, started by `make test`), by `psql`.
    static func freshDatabase() throws -> String {
        let variable = "HEALTH_TEST_POSTGRES_URL"
        guard let cluster = ProcessInfo.processInfo.environment[variable], cluster.hasSuffix("/postgres") else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "\(variable) is not set"])
        }
        let name = "two_servers_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [cluster, "-q", "-c", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return String(cluster.dropLast("postgres".count)) + name
    }

    /// `healthctl ARGUMENTS --data DATA --database DATABASE --json`, its output parsed.
    static func json(_ arguments: [String], data: String, database: String) throws -> Any {
        let run = try HealthCtlProcess.run(arguments + ["--data", data, "--database", database, "--json"])
        return try AppointmentCommandTests.json(run.standardOutput)
    }

    @Test func threeHundredBookingsForFiftySeatsOverTwoServersTakeExactlyFifty() async throws {
        let database = try Self.freshDatabase()
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let token = try #require(
            (try Self.json(
                ["tokens", "create", "--role", "operator", "--name", "two-servers"], data: data,
                database: database) as? [String: Any])?["token"] as? String)
        let centre = try #require(
            (try Self.json(
                ["centres", "create", "--name", "Shared", "--area", "Capital", "--services", "pcr"],
                data: data, database: database) as? [String: Any])?["id"] as? String)
        let start = AppointmentCommandTests.tomorrow
        let created = try HealthCtlProcess.run([
            "slots", "create", "--data", data, "--database", database, "--centre", centre, "--service", "pcr",
            "--from", start, "--to", AppointmentCommandTests.later(start, hours: 1), "--every", "1h",
            "--capacity", "50",
        ])
        #expect(created.status == 0)
        var csv = "nationalId,dateOfBirth,name,phone\n"
        for index in 0..<300 { csv += String(format: "6%08d,1981-02-03,Person %d,\n", index, index) }
        let csvFile = directory.appendingPathComponent("people.csv")
        try Data(csv.utf8).write(to: csvFile)
        let imported = try HealthCtlProcess.run([
            "people", "import", "--data", data, "--database", database, csvFile.path,
        ])
        #expect(imported.status == 0)
        let people = try #require(
            try Self.json(["people", "list", "--limit", "1000"], data: data, database: database) as? [[String: Any]]
        ).compactMap { $0["id"] as? String }
        let slot = try #require(
            (try Self.json(["slots", "list", "--from", start], data: data, database: database) as? [[String: Any]])?
                .first?["id"] as? String)
        #expect(people.count == 300)

        let servers = [
            try ServerProcess(data: data, database: database), try ServerProcess(data: data, database: database),
        ]
        defer { for server in servers { server.terminate() } }
        /// One booking request: who, through which server, and the answer.
        struct Outcome: Sendable {
            let person: String
            let server: Int
            let status: Int
            let body: Data
            var code: String? {
                (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["code"] as? String
            }
        }
        func booking(_ person: String) -> String { #"{"slotId":"\#(slot)","personId":"\#(person)"}"# }
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for (index, person) in people.enumerated() {
                group.addTask {
                    let answer = try? await servers[index % 2].send(
                        "/v1/appointments", method: "POST", token: token, body: booking(person), key: "two-\(person)")
                    return Outcome(
                        person: person, server: index % 2, status: answer?.status ?? 0, body: answer?.body ?? Data())
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let booked = outcomes.filter { $0.status == 201 }
        #expect(booked.count == 50)
        #expect(outcomes.filter { $0.status == 409 && $0.code == "slot-full" }.count == 250)

        let first = try #require(booked.first)
        let replay = try await servers[1 - first.server].send(
            "/v1/appointments", method: "POST", token: token, body: booking(first.person), key: "two-\(first.person)")
        // The same appointment, field for field (JSON members come in any order).
        let firstAnswer = try JSONSerialization.jsonObject(with: first.body) as? NSDictionary
        let replayed = try JSONSerialization.jsonObject(with: replay.body) as? NSDictionary
        #expect(replay.status == 201 && firstAnswer != nil && replayed == firstAnswer)

        let audit = try HealthCtlProcess.run(["audit", "verify", "--data", data, "--database", database])
        #expect(audit.status == 0 && audit.standardOutput.contains("intact"))
    }
}
