import Foundation
import Testing

/// The operator's case commands on a data directory: a case confirmed elsewhere opened, followed up and closed,
/// the order policy shown, and an order whose end date has passed released by `maintenance run`.
@Suite struct CaseCommandTests {
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func aCaseConfirmedElsewhereIsOpenedFollowedUpAndReleased() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let csv = directory.appendingPathComponent("people.csv")
        try Data(
            """
            nationalId,dateOfBirth,name,phone
            900112345,1990-01-17,Fatima Ali,+97336001234
            900112346,1988-03-02,Hasan Ali,+97336001235

            """.utf8
        ).write(to: csv)
        #expect(try await HealthCtlProcess.run(["people", "import", "--data", data, csv.path]).status == 0)

        // Today in Bahrain (UTC+3), whose days orders and check-ins are counted in.
        let today = String(ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 3600)).prefix(10))
        let opened = try await HealthCtlProcess.run([
            "cases", "open", "--data", data, "--national-id", "900112345", "--onset", today,
            "--isolation-days", "5", "--json",
        ])
        #expect(opened.status == 0, "\(opened.standardError)")
        let caseFile = try #require(try Self.json(opened.standardOutput) as? [String: Any])
        let id = try #require(caseFile["id"] as? String)
        #expect(caseFile["state"] as? String == "isolating" && caseFile["onset"] as? String == today)

        let noted = try await HealthCtlProcess.run(["cases", "note", "--data", data, "--text", "Called.", id])
        #expect(noted.status == 0 && noted.standardOutput.contains("order ord_"))
        let assigned = try await HealthCtlProcess.run([
            "cases", "assign", "--data", data, "--to", "amina", id, "--json",
        ])
        let shown = try #require(try Self.json(assigned.standardOutput) as? [String: Any])
        #expect((shown["case"] as? [String: Any])?["assignedTo"] as? String == "amina")
        let listed = try await HealthCtlProcess.run(["cases", "list", "--data", data, "--assigned-to", "amina"])
        #expect(listed.status == 0 && listed.standardOutput.contains(id))
        // A list as long as its limit says that there may be more; a limit out of range is refused, not shortened.
        let missed = try await HealthCtlProcess.run([
            "orders", "missed", "--data", data, "--date", today, "--limit", "1",
        ])
        #expect(missed.status == 0 && missed.standardError.contains("the first 1 are listed; there may be more"))
        let whole = try await HealthCtlProcess.run(["cases", "list", "--data", data, "--limit", "2"])
        #expect(whole.status == 0 && whole.standardError.isEmpty)
        let outOfRange = try await HealthCtlProcess.run(["contacts", "pending", "--data", data, "--limit", "0"])
        #expect(outOfRange.status == 1 && outOfRange.standardError.hasPrefix("healthctl: invalid-limit: "))

        let maintained = try await HealthCtlProcess.run(["maintenance", "run", "--data", data, "--json"])
        let report = try #require(try Self.json(maintained.standardOutput) as? [String: Any])
        #expect(report["ordersReleased"] as? Int == 0 && report["outboxMessages"] != nil)
        #expect(report["retentionFailed"] as? Bool == false)
        #expect(report["waitingCertificatesIssued"] as? Int == 0)
        // SQLite chains each entry as it writes it: nothing waits to be sealed.
        #expect(report["auditEntriesSealed"] as? Int == 0)
        // And keeps one row per statistics count: nothing to fold.
        #expect(report["statisticsRowsFolded"] as? Int == 0)

        let closed = try await HealthCtlProcess.run(["cases", "close", "--data", data, id, "--quarantine-days", "10"])
        #expect(closed.status == 0 && closed.standardOutput.hasPrefix("\(id)  closed"))
        let orders = try await HealthCtlProcess.run([
            "orders", "list", "--data", data, "--national-id", "900112345", "--json",
        ])
        let order = try #require((try Self.json(orders.standardOutput) as? [[String: Any]])?.first)
        #expect(order["state"] as? String == "released" && order["releaseReason"] as? String == "case-closed")
        let again = try await HealthCtlProcess.run(["cases", "close", "--data", data, id])
        #expect(again.status == 1 && again.standardError.hasPrefix("healthctl: case-closed: "))
        // A case whose isolation is over by now is recorded as recovered, with no order to tell anyone of.
        let past = try await HealthCtlProcess.run([
            "cases", "open", "--data", data, "--national-id", "900112346", "--onset", "2026-01-10",
            "--isolation-days", "5", "--json",
        ])
        let recovered = try #require(try Self.json(past.standardOutput) as? [String: Any])
        #expect(recovered["state"] as? String == "recovered")
        let none = try await HealthCtlProcess.run([
            "orders", "list", "--data", data, "--national-id", "900112346", "--json",
        ])
        #expect((try Self.json(none.standardOutput) as? [[String: Any]])?.isEmpty == true)
        let future = try await HealthCtlProcess.run([
            "cases", "open", "--data", data, "--national-id", "900112345", "--onset", "2099-01-01",
        ])
        #expect(future.status == 1 && future.standardError.hasPrefix("healthctl: invalid-case-date: "))
        let yearZero = try await HealthCtlProcess.run([
            "cases", "open", "--data", data, "--national-id", "900112345", "--onset", "0000-01-01",
        ])
        #expect(yearZero.status == 1 && yearZero.standardError.hasPrefix("healthctl: invalid-case-date: "))
        let policy = try await HealthCtlProcess.run(["orders", "policy", "--quarantine-days", "5", "--json"])
        #expect(
            policy.standardOutput.trimmingCharacters(in: .newlines)
                == #"{"isolationDays":10,"maximumExtensionDays":10,"quarantineDays":5,"quarantineTestDay":5}"#)
        let audit = try await HealthCtlProcess.run(["audit", "verify", "--data", data])
        #expect(audit.status == 0)
    }
}
