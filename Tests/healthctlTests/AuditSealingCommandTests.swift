import Foundation
import Testing

/// On PostgreSQL, entries written by commands while no server runs wait to be sealed into the audit chain;
/// `maintenance run` seals them, as a server's job would, and `audit verify` then checks every one.
@Suite struct AuditSealingCommandTests {
    @Test func maintenanceRunSealsWhatCommandsWroteWithNoServerRunning() async throws {
        let deployment = try await TestDeployment(.postgres, slotCount: 2, capacity: 1, peopleCount: 3)
        defer { deployment.remove() }
        let first = try #require(try await deployment.json(["maintenance", "run"]) as? [String: Any])
        let sealed = try #require(first["auditEntriesSealed"] as? Int)
        #expect(sealed > 0)
        let second = try #require(try await deployment.json(["maintenance", "run"]) as? [String: Any])
        #expect(second["auditEntriesSealed"] as? Int == 0)
        let verified = try #require(try await deployment.json(["audit", "verify"]) as? [String: Any])
        #expect(verified["checkedEntries"] as? Int == sealed)
    }
}
