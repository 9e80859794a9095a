import CryptoCore
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct AccessAndAuditTests {
    @Test(arguments: StorageBackend.allCases) func staffTokensAreStoredHashedAndStopWorkingWhenRevokedOrExpired(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let access = harness.services.access
        let issued = try await access.issueStaffToken(
            role: .vaccinator, name: "nurse-1", validForMinutes: 60, by: harness.operatorPrincipal)
        let stored = try await harness.storage.texts(
            "SELECT \(harness.storage.hex("secret_hash")) FROM access_tokens")
        #expect(stored == [Hex.encode(AccessToken.hash(ofSecret: issued.secret))])
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

    @Test(arguments: StorageBackend.allCases) func malformedAuthorizationIsRefusedWithoutALookup(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        for header in [nil, "", "Bearer", "Basic abc", "Bearer " + String(repeating: "x", count: 200)] as [String?] {
            let error = await #expect(throws: ServiceError.self) {
                try await harness.services.access.authenticate(authorization: header)
            }
            #expect(error?.code == .missingToken || error?.code == .invalidToken)
        }
    }

    @Test(arguments: StorageBackend.allCases) func citizenTokensCannotBeIssuedByTheCommandLine(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let error = await #expect(throws: ServiceError.self) {
            try await harness.services.access.issueStaffToken(
                role: .citizen, name: "x", validForMinutes: 60, by: harness.operatorPrincipal)
        }
        #expect(error?.code == .invalidRole)
    }

    @Test(arguments: StorageBackend.allCases) func theAuditChainVerifiesAndNamesTheFirstTamperedEntry(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
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

        await #expect(throws: (any Error).self) {
            try await harness.storage.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 3")
        }
        await #expect(throws: (any Error).self) {
            try await harness.storage.execute("DELETE FROM audit_log WHERE seq = 5")
        }
        try await harness.storage.dropAuditLogGuard()
        try await harness.storage.execute("UPDATE audit_log SET details = '{\"name\":\"lab-2\"}' WHERE seq = 3")
        let broken = try await harness.services.audit.verify()
        #expect(broken.firstBrokenSequence == 3 && broken.checkedEntries == 2)
    }

    /// PostgreSQL computes each entry's hash in the database (`audit_append`) and `verify` recomputes it in Swift: the
    /// two agree on lengths in UTF-8 bytes, not characters, and on text that JSON escapes.
    @Test(arguments: StorageBackend.allCases) func entriesWithNonASCIITextChainTheSameWay(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        for name in ["أمينة", "Ñandú \"ops\" \\ 2", "检测 🧪"] {
            _ = try await harness.services.scheduling.addCentre(
                name: "Centre", area: "Capital", services: ["pcr"], by: .commandLine(operatorName: name))
        }
        let result = try await harness.services.audit.verify()
        #expect(result.isIntact && result.checkedEntries == 3)
        let actors = try await harness.services.audit.latest(limit: 3).map(\.actor)
        #expect(actors == ["检测 🧪", "Ñandú \"ops\" \\ 2", "أمينة"])
    }

    @Test(arguments: StorageBackend.allCases) func aDeletedAuditEntryIsReportedAsAGap(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        for index in 0..<4 {
            _ = try await harness.services.access.issueStaffToken(
                role: .lab, name: "lab-\(index)", validForMinutes: 60, by: harness.operatorPrincipal)
        }
        _ = try await harness.services.audit.seal()
        try await harness.storage.dropAuditLogGuard()
        try await harness.storage.execute("DELETE FROM audit_log WHERE seq = 2")
        let result = try await harness.services.audit.verify()
        #expect(result.firstBrokenSequence == 3)
    }

    /// An entry stored outside the chain's sequence (0 here, copied from entry 1) is reported, not skipped; on
    /// PostgreSQL, TRUNCATE, which row triggers do not see, is refused as DELETE is. A verify names the last hash,
    /// for an operator to keep off the machine.
    @Test(arguments: StorageBackend.allCases) func anEntryBeforeTheChainIsReportedAndTheLogCannotBeEmptied(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        for index in 0..<2 {
            _ = try await harness.services.access.issueStaffToken(
                role: .lab, name: "lab-\(index)", validForMinutes: 60, by: harness.operatorPrincipal)
        }
        let intact = try await harness.services.audit.verify()
        let newest = try await harness.services.audit.latest(limit: 1).first
        #expect(intact.isIntact && intact.lastHash != nil && intact.lastHash == newest?.hash)
        if backend == .postgres {
            await #expect(throws: (any Error).self) { try await harness.storage.execute("TRUNCATE audit_log") }
            await #expect(throws: (any Error).self) { try await harness.storage.execute("TRUNCATE audit_pending") }
        }
        try await harness.storage.execute(
            """
            INSERT INTO audit_log (seq, at, actor, role, action, subject, details, previous_hash, hash)
            SELECT 0, at, actor, role, action, subject, details, previous_hash, hash FROM audit_log WHERE seq = 1
            """)
        let result = try await harness.services.audit.verify()
        #expect(result.firstBrokenSequence == 0 && result.checkedEntries == 0)
    }
}
