import Foundation
import TestSupport
import Testing

/// `maintenance run` when retention fails: the other jobs still run, the command fails, and its report gives no
/// figures for the deletions that did not happen.
@Suite struct MaintenanceCommandTests {
    @Test func aFailedRetentionIsReportedAsFailedNotAsNothingToDelete() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        _ = try await HealthCtlProcess.run(["tokens", "create", "--data", data, "--role", "lab", "--name", "lab-1"])
        // A table retention deletes from, gone: its first statement fails, as on a damaged database.
        let sqlite = try await ChildProcess(
            "/usr/bin/sqlite3", [data + "/health.sqlite", "DROP TABLE enrolment_challenges;"]
        ).run()
        #expect(sqlite.status == 0)

        let run = try await HealthCtlProcess.run(["maintenance", "run", "--data", data, "--json"])
        #expect(run.status != 0 && run.standardError.contains("enrolment_challenges"), "\(run.standardError)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["retentionFailed"] as? Bool == true)
        #expect(report["enrolmentChallenges"] == nil && report["outboxMessages"] == nil)
        #expect(report["ordersReleased"] as? Int == 0 && report["auditEntriesSealed"] as? Int == 0)

        let text = try await HealthCtlProcess.run(["maintenance", "run", "--data", data])
        #expect(text.status != 0 && text.standardOutput.hasPrefix("retention failed (the error follows); released 0 "))
    }
}
