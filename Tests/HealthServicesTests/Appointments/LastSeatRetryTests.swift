import PostgresNIO
import Testing

@testable import HealthServices

/// A client that times out resends its booking with the same Idempotency-Key while the first try still runs. On
/// PostgreSQL both tries read their facts before either books; when they wait for the slot's last seat, the one that
/// gets it second must answer with the booking the first made, not "full". (SQLite runs writes one after another,
/// so the second try there reads the first's record before it books.)
@Suite struct LastSeatRetryTests {
    @Test func aRetryThatLosesTheLastSeatToItsFirstTryAnswersWithThatBooking() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let citizen = try await harness.citizen("900112345")
        let slot = try #require(try await harness.centreWithSlots(count: 1, capacity: 1).1.first)
        let appointments = harness.services.appointments

        // The slot's row held: both tries read their facts, then wait to take its seat.
        let tries = try await database.holding("SELECT 1 FROM slots WHERE id = \(slot.id) FOR UPDATE") {
            let tries = (0..<2).map { _ in
                Task {
                    try await appointments.book(slotID: slot.id, personID: nil, idempotencyKey: "k-1", by: citizen)
                }
            }
            let queued = try await database.waitUntilWaiting(2)
            #expect(queued, "both tries wait for the slot")
            return tries
        }
        let booked = [try await tries[0].value, try await tries[1].value]
        #expect(Set(booked.map(\.appointment.id)).count == 1)
        #expect(Set(booked.map(\.isReplay)) == [false, true])
        #expect(try await harness.storage.count("SELECT booked FROM slots WHERE id = $1", slot.id) == 1)
        // The try that got no seat booked nothing, so it audited nothing either.
        let audited = try await harness.services.audit.latest(limit: 10).filter { $0.action == "appointment.book" }
        #expect(audited.map(\.subject) == ["appointment:\(booked[0].appointment.id)"])
    }
}
