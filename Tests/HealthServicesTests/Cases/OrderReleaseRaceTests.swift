import PostgresNIO
import Testing

@testable import HealthServices

/// The release of due orders against other writes of the same orders: an order another write moves meanwhile (a
/// corrected onset extends an isolation) keeps its new end, and a check-in being stored is read before the release.
/// On PostgreSQL the other write is held open here until the release pass queues behind it. (SQLite runs writes one
/// after another, so the pass reads what they stored.)
@Suite struct OrderReleaseRaceTests {
    @Test func anIsolationExtendedWhileThePassRunsIsNotReleased() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await harness.person("850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let order = try #require(
            try await harness.services.stores.records.read { try await $0.cases.orders(ofPeople: [person.id]) }.first)
        let endDay = Timestamp(startOfCivilDay: order.endDate).adding(seconds: 3600)
        harness.clock.advance(seconds: endDay.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch)
        let orders = harness.services.orders

        let pass = try await database.holding(
            "UPDATE orders SET end_date = end_date + 3 WHERE id = \(order.id)"
        ) {
            let pass = Task { try await orders.releaseDueOrders() }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the pass waits for the order")
            return pass
        }
        #expect(try await pass.value == 0)
        let after = try #require(
            try await harness.services.stores.records.read { try await $0.cases.order(id: order.id) })
        #expect(after.state == .active && after.endDate.daysSinceEpoch == order.endDate.daysSinceEpoch + 3)
    }

    /// A fever check-in of the last day still being stored when the pass reads the due orders (sent just before
    /// midnight, committed just after): the pass waits for it and extends the order instead of releasing it.
    @Test func aCheckInBeingStoredWhenThePassRunsIsRead() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await harness.person("850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let order = try #require(
            try await harness.services.stores.records.read { try await $0.cases.orders(ofPeople: [person.id]) }.first)
        let endDay = Timestamp(startOfCivilDay: order.endDate).adding(seconds: 3600)
        harness.clock.advance(seconds: endDay.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch)
        let orders = harness.services.orders

        let pass = try await database.holding(
            """
            INSERT INTO check_ins (order_id, day, symptoms, temperature, created_at)
            SELECT id, end_date - 1, 'fever', 38.9, now() FROM orders WHERE id = \(order.id)
            """
        ) {
            let pass = Task { try await orders.releaseDueOrders() }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the pass waits for the check-in")
            return pass
        }
        #expect(try await pass.value == 0)
        let after = try #require(
            try await harness.services.stores.records.read { try await $0.cases.order(id: order.id) })
        #expect(after.state == .active && after.extendedDays == 1)
    }
}
