import Foundation
import TestSupport
import Testing

/// `healthctl tokens|centres|services|slots|people|appointments|outbox|audit`, run as the built binary.
@Suite struct AppointmentCommandTests {
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    static var tomorrow: String {
        let day = Int64(Date().timeIntervalSince1970) / 86_400 + 1
        let date = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
        return ISO8601DateFormatter().string(from: date).prefix(10) + "T08:00:00Z"
    }

    static func later(_ start: String, hours: Int) -> String {
        let date = ISO8601DateFormatter().date(from: start)!.addingTimeInterval(TimeInterval(hours * 3600))
        return ISO8601DateFormatter().string(from: date)
    }

    @Test func theOperatorContractPrintsTheDocumentedJSON() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path

        let token = try await HealthCtlProcess.run([
            "tokens", "create", "--data", data, "--role", "vaccinator", "--name", "nurse-1", "--json", "--actor",
            "amina",
        ])
        #expect(token.status == 0)
        let tokenJSON = try #require(try Self.json(token.standardOutput) as? [String: Any])
        #expect((tokenJSON["token"] as? String)?.hasPrefix("hs_") == true)
        #expect((tokenJSON["id"] as? String)?.hasPrefix("tok_") == true)
        #expect(tokenJSON["role"] as? String == "vaccinator")

        let centre = try await HealthCtlProcess.run([
            "centres", "create", "--data", data, "--name", "Isa Town Centre", "--area", "Southern", "--services",
            "pcr,sinopharm", "--json",
        ])
        #expect(centre.status == 0)
        let centreID = try #require((try Self.json(centre.standardOutput) as? [String: Any])?["id"] as? String)

        let start = Self.tomorrow
        let slots = try await HealthCtlProcess.run([
            "slots", "create", "--data", data, "--centre", centreID, "--service", "sinopharm", "--from", start, "--to",
            Self.later(start, hours: 2),
            "--every", "30m", "--capacity", "3", "--json",
        ])
        #expect(slots.status == 0)
        #expect((try Self.json(slots.standardOutput) as? [String: Any])?["created"] as? Int == 4)

        let table = try await HealthCtlProcess.run([
            "slots", "list", "--data", data, "--service", "sinopharm", "--from", start,
        ])
        #expect(table.standardOutput.hasPrefix("ID ") && table.standardOutput.split(separator: "\n").count == 5)
        #expect(table.standardError.isEmpty)
        // A list as long as its limit says so: there may be more.
        let cut = try await HealthCtlProcess.run([
            "slots", "list", "--data", data, "--service", "sinopharm", "--from", start, "--limit", "4",
        ])
        #expect(cut.standardError.contains("the first 4 are listed; there may be more"))

        let outbox = try await HealthCtlProcess.run(["outbox", "list", "--data", data, "--json"])
        let messages = try Self.json(outbox.standardOutput) as? [Any]
        #expect(outbox.status == 0 && messages?.isEmpty == true)

        let audit = try await HealthCtlProcess.run(["audit", "verify", "--data", data])
        #expect(audit.status == 0)
        #expect(audit.standardOutput.contains("intact: 3 entries"))
        let entries = try await HealthCtlProcess.run(["audit", "list", "--data", data, "--json"])
        let actors = (try Self.json(entries.standardOutput) as? [[String: Any]])?.compactMap { $0["actor"] as? String }
        #expect(actors?.last == "amina")
    }

    @Test func badInputIsAClearErrorAndChangesNothing() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path

        let role = try await HealthCtlProcess.run([
            "tokens", "create", "--data", data, "--role", "citizen", "--name", "x",
        ])
        #expect(role.status != 0 && role.standardError.contains("invalid-role"))
        let every = try await HealthCtlProcess.run([
            "slots", "create", "--data", data, "--centre", "ctr_x", "--service", "pcr", "--from", Self.tomorrow, "--to",
            Self.later(Self.tomorrow, hours: 1),
            "--every", "15 minutes", "--capacity", "2",
        ])
        #expect(every.status != 0 && every.standardError.contains("invalid-interval"))
        let centre = try await HealthCtlProcess.run([
            "centres", "create", "--data", data, "--name", "X", "--area", "Y", "--services", "flu-shot",
        ])
        #expect(centre.status != 0 && centre.standardError.contains("unknown-service"))
        for limit in ["0", "1001"] {
            let list = try await HealthCtlProcess.run(["appointments", "list", "--data", data, "--limit", limit])
            #expect(list.status != 0 && list.standardError.contains("invalid-limit"), "\(limit)")
        }

        let csv = directory.appendingPathComponent("people.csv")
        try Data(
            "nationalId,dateOfBirth,name,phone\n900112345,1990-01-17,\"Ali, Fatima\",+97336001234\n90011234,1990-01-17,Short ID,\n"
                .utf8
        ).write(to: csv)
        let people = try await HealthCtlProcess.run(["people", "import", "--data", data, csv.path])
        // Bad rows are a refusal (exit 1), not a wrong command line (2).
        #expect(people.status == 1 && people.standardError.contains("line 3: invalid-national-id"))
        let listed = try await HealthCtlProcess.run(["people", "list", "--data", data, "--json"])
        #expect((try Self.json(listed.standardOutput) as? [Any])?.isEmpty == true)
        let audit = try await HealthCtlProcess.run(["audit", "verify", "--data", data, "--json"])
        #expect((try Self.json(audit.standardOutput) as? [String: Any])?["checkedEntries"] as? Int == 0)

        // An ID already registered is named by its line too, not by its place among the rows.
        try Data("nationalId,dateOfBirth,name\n900112345,1990-01-17,Fatima Ali\n".utf8).write(to: csv)
        #expect(try await HealthCtlProcess.run(["people", "import", "--data", data, csv.path]).status == 0)
        try Data("nationalId,dateOfBirth,name\n900112346,1990-01-17,Ali Hasan\n900112345,1990-01-17,F A\n".utf8)
            .write(to: csv)
        let again = try await HealthCtlProcess.run(["people", "import", "--data", data, csv.path])
        #expect(again.status == 1 && again.standardError.contains("line 3: "), "\(again.standardError)")
    }

    @Test func auditVerifyExitsNonZeroNamingTheBrokenEntry() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        for name in ["a", "b", "c"] {
            _ = try await HealthCtlProcess.run(["tokens", "create", "--data", data, "--role", "lab", "--name", name])
        }
        let sqlite = try await ChildProcess(
            "/usr/bin/sqlite3",
            [
                data + "/health.sqlite",
                "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;",
            ]
        ).run()
        #expect(sqlite.status == 0)
        let result = try await HealthCtlProcess.run(["audit", "verify", "--data", data])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("broken at entry 2"))
    }
}
