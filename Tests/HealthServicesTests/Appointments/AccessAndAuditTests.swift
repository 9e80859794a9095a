import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct AccessAndAuditTests {
    @Test func staffTokensAreStoredHashedAndStopWorkingWhenRevokedOrExpired() async throws {
        let harness = try ServiceHarness()
        let access = harness.services.access
        let issued = try await access.issueStaffToken(
            role: .vaccinator, name: "nurse-1", validForMinutes: 60, by: harness.operatorPrincipal)
        let stored = try await harness.storage.health.read { connection in
            try connection.query("SELECT secret_hash FROM access_tokens") { try $0.get(0, as: [UInt8].self) }
        }
        #expect(stored == [AccessToken.hash(ofSecret: issued.secret)])
        let principal = try await access.authenticate(authorization: "Bearer \(issued.secret)")
        #expect(principal.role == .vaccinator && principal.name == "nurse-1" && principal.personID == nil)

        harness.clock.advance(seconds: 3600)
        let expired = await #expect(throws: ServiceError.self) {
            try await access.authenticate(authorization: "Bearer \(issued.secret)")
        }
        #expect(expired?.code == .invalidToken)

        let second = try await access.issueStaffToken(
            role: .operator, name: "op-1", validForMinutes: 60, by: harness.operatorPrincipal)
        try await access.revoke(tokenID: second.record.id, by: harness.operatorPrincipal)
        let revoked = await #expect(throws: ServiceError.self) {
            try await access.authenticate(authorization: "Bearer \(second.secret)")
        }
        #expect(revoked?.code == .invalidToken)
    }

    @Test func malformedAuthorizationIsRefusedWithoutALookup() async throws {
        let harness = try ServiceHarness()
        for header in [nil, "", "Bearer", "Basic abc", "Bearer " + String(repeating: "x", count: 200)] as [String?] {
            let error = await #expect(throws: ServiceError.self) {
                try await harness.services.access.authenticate(authorization: header)
            }
            #expect(error?.code == .missingToken || error?.code == .invalidToken)
        }
    }

    @Test func citizenTokensCannotBeIssuedByTheCommandLine() async throws {
        let harness = try ServiceHarness()
        let error = await #expect(throws: ServiceError.self) {
            try await harness.services.access.issueStaffToken(
                role: .citizen, name: "x", validForMinutes: 60, by: harness.operatorPrincipal)
        }
        #expect(error?.code == .invalidRole)
    }

    @Test func theAuditChainVerifiesAndNamesTheFirstTamperedEntry() async throws {
        let harness = try ServiceHarness()
        let (_, slots) = try await harness.centreWithSlots()
        _ = try await harness.services.access.issueStaffToken(
            role: .lab, name: "lab-1", validForMinutes: 60, by: harness.operatorPrincipal)
        let citizen = try await harness.citizen("900112345")
        _ = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "k1", by: citizen)
        let intact = try await harness.services.audit.verify()
        #expect(intact.isIntact && intact.checkedEntries == 5)
        let actions = try await harness.services.audit.latest(limit: 10).map(\.action)
        #expect(actions == ["appointment.book", "account.verify", "token.create", "slots.create", "centre.create"])

        await #expect(throws: SQLiteError.self) {
            try await harness.storage.health.write {
                try $0.run("UPDATE audit_log SET actor = 'someone' WHERE seq = 3")
            }
        }
        await #expect(throws: SQLiteError.self) {
            try await harness.storage.health.write { try $0.run("DELETE FROM audit_log WHERE seq = 5") }
        }
        try await harness.storage.health.write { connection in
            try connection.execute("DROP TRIGGER audit_log_no_update")
            try connection.run("UPDATE audit_log SET details = '{\"name\":\"lab-2\"}' WHERE seq = 3")
        }
        let broken = try await harness.services.audit.verify()
        #expect(broken.firstBrokenSequence == 3 && broken.checkedEntries == 2)
    }

    @Test func aDeletedAuditEntryIsReportedAsAGap() async throws {
        let harness = try ServiceHarness()
        for index in 0..<4 {
            _ = try await harness.services.access.issueStaffToken(
                role: .lab, name: "lab-\(index)", validForMinutes: 60, by: harness.operatorPrincipal)
        }
        try await harness.storage.health.write { connection in
            try connection.execute("DROP TRIGGER audit_log_no_delete")
            try connection.run("DELETE FROM audit_log WHERE seq = 2")
        }
        let result = try await harness.services.audit.verify()
        #expect(result.firstBrokenSequence == 3)
    }
}
