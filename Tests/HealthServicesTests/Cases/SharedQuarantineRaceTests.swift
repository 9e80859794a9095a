import PostgresNIO
import Testing

@testable import HealthServices

/// A contact given the quarantine another case's contact already runs, while that case closes: whichever commits
/// second sees the other, so the person ends up in quarantine either way. On PostgreSQL one side is held open here
/// (as raw SQL) until the other queues behind it. (SQLite runs writes one after another.)
@Suite struct SharedQuarantineRaceTests {
    /// The first case's contact, in quarantine, and the other open case.
    static func contactInQuarantine(_ harness: ServiceHarness) async throws -> (OrderReleaseTests.TwoCases, Order) {
        let setup = try await OrderReleaseTests.twoCasesAndAContact(harness)
        let tests = OrderReleaseTests()
        _ = try await harness.services.cases.addContacts(
            [tests.name(setup.contact, metOn: tests.day(harness, 0))], caseID: setup.first.id,
            by: harness.operatorPrincipal)
        return (setup, try #require(try await tests.activeOrders(of: setup.contact, harness).first))
    }

    @Test func aCaseClosingWhileItsQuarantineIsGivenToAnotherCasesContactHandsItOn() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let (setup, quarantine) = try await Self.contactInQuarantine(harness)
        let cases = harness.services.cases
        let operatorPrincipal = harness.operatorPrincipal

        // As adding the contact does: the person's orders held, then the contact naming the running quarantine.
        let closing = try await database.holding(
            "SELECT 1 FROM orders WHERE person_id = \(setup.contact.id) FOR NO KEY UPDATE",
            """
            INSERT INTO contacts (id, case_id, person_id, last_contact, order_id, added_by, created_at)
            VALUES ('con_held', \(setup.second.id), \(setup.contact.id), \(quarantine.startDate), \(quarantine.id),
                'test', now())
            """
        ) {
            let closing = Task { try await cases.close(caseID: setup.first.id, by: operatorPrincipal) }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the close waits for the new contact")
            return closing
        }
        _ = try await closing.value
        let active = try await OrderReleaseTests().activeOrders(of: setup.contact, harness)
        #expect(active.map(\.id) == [quarantine.id] && active.map(\.caseId) == [setup.second.id])
    }

    @Test func aContactNamedWhileTheRunningQuarantineIsReleasedGetsOneOfTheirOwn() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let (setup, quarantine) = try await Self.contactInQuarantine(harness)
        let cases = harness.services.cases
        let operatorPrincipal = harness.operatorPrincipal
        let tests = OrderReleaseTests()
        let contact = tests.name(setup.contact, metOn: tests.day(harness, 0))

        let adding = try await database.holding(
            """
            UPDATE orders SET state = 'released', released_at = now(), release_reason = 'case-closed'
            WHERE id = \(quarantine.id)
            """
        ) {
            let adding = Task { try await cases.addContacts([contact], caseID: setup.second.id, by: operatorPrincipal) }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the new contact waits for the release")
            return adding
        }
        _ = try await adding.value
        let active = try await tests.activeOrders(of: setup.contact, harness)
        #expect(active.count == 1 && active.first?.id != quarantine.id && active.first?.caseId == setup.second.id)
    }
}
