import Testing

@testable import HealthServices

/// How orders end when several things end them: release passes that overlap (two servers on PostgreSQL), and cases
/// closed while a contact's quarantine rests on another case too.
@Suite struct OrderReleaseTests {
    /// An isolation order on its last day whose check-in reported fever, the clock moved to its end.
    static func feverishOrderAtItsEnd(_ harness: ServiceHarness) async throws -> Order {
        let person = try await CaseServiceTests.personWithPhone(harness, "850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let citizen = Principal(role: .citizen, name: "citizen:\(person.id)", personID: person.id)
        let view = try #require(try await harness.services.orders.orderViews(for: citizen, personID: nil).first)
        let lastDay = Timestamp(startOf: view.endDate).adding(seconds: -3600)
        harness.clock.advance(seconds: lastDay.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch)
        _ = try await harness.services.orders.checkIn(
            orderID: view.id, symptoms: ["fever"], temperature: 38.9, by: citizen)
        harness.clock.advance(seconds: 3600)
        return try #require(try await harness.services.stores.records.read { try await $0.cases.order(id: view.id) })
    }

    /// Two release passes that read the same due order (two servers' jobs on PostgreSQL, or a job and
    /// `maintenance run`) extend it once: one more day, one message, one audit entry.
    @Test(arguments: StorageBackend.allCases) func twoPassesThatReadTheSameOrderExtendItOnce(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let read = try await Self.feverishOrderAtItsEnd(harness)
        let now = harness.clock.wallClock.now()
        for _ in 0..<2 {
            try await harness.services.stores.records.write { transaction in
                try await OrderService.extend(read, at: now, in: transaction)
            }
        }
        let order = try #require(
            try await harness.services.stores.records.read { try await $0.cases.order(id: read.id) })
        #expect(order.extendedDays == 1 && order.endDate.daysSinceEpoch == read.endDate.daysSinceEpoch + 1)
        let entries = try await harness.services.audit.latest(limit: 20)
        #expect(entries.filter { $0.action == "order.extend" }.count == 1)
        let messages = try await harness.services.outbox.latest(limit: 20)
        #expect(messages.filter { $0.text.hasPrefix("You reported fever") }.count == 1)
    }

    /// A recovered case an operator closes later keeps the time it ended: retention erases its contacts' details
    /// 30 days after that, not after the closing.
    @Test(arguments: StorageBackend.allCases) func closingARecoveredCaseKeepsTheTimeItEnded(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let caseFile = try #require(
            try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        harness.clock.advance(seconds: 11 * 86_400)
        #expect(try await harness.services.orders.releaseDueOrders() == 1)
        let recovered = try await harness.services.cases.details(id: caseFile.id).caseFile
        #expect(recovered.state == .recovered && recovered.closedAt != nil)
        harness.clock.advance(seconds: 29 * 86_400)
        let closed = try await harness.services.cases.close(caseID: caseFile.id, by: harness.operatorPrincipal)
        #expect(closed.caseFile.state == .closed && closed.caseFile.closedAt == recovered.closedAt)
    }
}
