import Testing

@testable import HealthSQLite
@testable import HealthServices

/// Slot search returns slots by start and then id, cut at the limit: the order `ORDER BY starts_at, id LIMIT n`
/// gives, here checked against that very SQL on the same database.
@Suite struct SlotSearchOrderTests {
    /// Three centres with four slots each at the same four starts, so every start is a tie broken by id; one
    /// slot of the first centre is full.
    private static func tiedSlots(_ harness: ServiceHarness) async throws -> [Centre] {
        var centres: [Centre] = []
        for capacity in [1, 2, 3] {
            centres.append(try await harness.centreWithSlots(count: 4, capacity: capacity).0)
        }
        let citizen = try await harness.citizen("900112345")
        let first = try await harness.services.scheduling.searchSlots(
            service: "pcr", centre: centres[0].id, area: nil, from: nil, to: nil, limit: "1")
        _ = try await harness.services.appointments.book(
            slotID: try #require(first.first).id, personID: nil, idempotencyKey: "full", by: citizen)
        return centres
    }

    private static func expected(_ harness: ServiceHarness, filter: String, _ values: [String], limit: Int)
        async throws -> [String]
    {
        let sql = """
            SELECT s.id FROM slots s WHERE s.starts_at >= '2026-03-01T06:00:00Z' \(filter)
            ORDER BY s.starts_at, s.id LIMIT \(limit)
            """
        return try await harness.storage.texts(in: .health, sql, arguments: values).compactMap { $0 }
    }

    @Test(arguments: StorageBackend.allCases) func tiesAtOneStartGoByIdAndTheLimitCutsInsideThem(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let centres = try await Self.tiedSlots(harness)
        let scheduling = harness.services.scheduling
        for limit in 1...13 {
            let staff = try await scheduling.searchSlots(
                service: "pcr", centre: nil, area: nil, from: nil, to: nil, limit: String(limit), includeFull: true)
            #expect(try await staff.map(\.id) == Self.expected(harness, filter: "", [], limit: limit))
            let citizens = try await scheduling.searchSlots(
                service: nil, centre: nil, area: "capital", from: nil, to: nil, limit: String(limit))
            #expect(
                try await citizens.map(\.id)
                    == Self.expected(harness, filter: "AND s.booked < s.capacity", [], limit: limit))
            let oneCentre = try await scheduling.searchSlots(
                service: nil, centre: centres[1].id, area: nil, from: nil, to: nil, limit: String(limit))
            #expect(
                try await oneCentre.map(\.id)
                    == Self.expected(harness, filter: "AND s.centre_id = $1", [centres[1].id], limit: limit))
        }
    }

    @Test(arguments: StorageBackend.allCases) func aLimitBelowOneFindsNothingAtTheStore(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await Self.tiedSlots(harness)
        let query = SlotQuery(
            service: "pcr", centreId: nil, area: nil, from: Timestamp(iso8601: "2026-03-01T00:00:00Z")!,
            to: Timestamp(iso8601: "2026-03-03T00:00:00Z")!, limit: 0, includeFull: true)
        let found = try await harness.services.stores.scheduling.read { try await $0.slots(matching: query) }
        #expect(found.isEmpty)
    }

    /// An area matches ignoring the case of ASCII letters, and of nothing else, on both backends alike (PostgreSQL's
    /// `lower()` alone would follow the cluster's locale and fold `Ḥ` too).
    @Test(arguments: StorageBackend.allCases) func anAreaMatchesIgnoringTheCaseOfASCIILettersOnly(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let centre = try await harness.services.scheduling.addCentre(
            name: "Hidd Health Centre", area: "Ḥidd", services: ["pcr"], by: harness.operatorPrincipal)
        let from = try #require(Timestamp(iso8601: "2026-03-02T08:00:00Z"))
        _ = try await harness.services.scheduling.createSlots(
            try SlotSchedule(
                centreId: centre.id, service: "pcr", from: from.iso8601, to: from.adding(seconds: 900).iso8601,
                every: "15m", capacity: 1),
            by: harness.operatorPrincipal)
        func found(_ area: String) async throws -> Int {
            try await harness.services.scheduling.searchSlots(
                service: nil, centre: nil, area: area, from: nil, to: nil, limit: "10"
            ).count
        }
        #expect(try await found("Ḥidd") == 1)
        #expect(try await found("ḤIDD") == 1)
        #expect(try await found("ḥidd") == 0)
        #expect(try await found("  Ḥidd ") == 1)
    }

    /// The last slots of year 9999 are found with the default end of a search: on SQLite a bound in year 10000 is
    /// five-digit text that sorts before them, so the end stops at 9999-12-31T23:59:59Z.
    @Test(arguments: StorageBackend.allCases) func slotsAtTheEndOfYear9999AreFound(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots(day: "9999-12-31")
        let found = try await harness.services.scheduling.searchSlots(
            service: "pcr", centre: nil, area: nil, from: "9999-12-31T00:00:00Z", to: nil, limit: "10")
        #expect(found.count == slots.count && found.count == 4)
        _ = try await harness.services.appointments.book(
            slotID: slots[3].id, personID: nil, idempotencyKey: "last", by: harness.citizen("900112345"))
        let booked = try await harness.services.appointments.appointments(
            for: harness.operatorPrincipal, filter: AppointmentFilter(date: CalendarDate(iso8601: "9999-12-31")))
        #expect(booked.map(\.slotId) == [slots[3].id])
    }

    /// One schedule makes at most 5,000 slots, counted as it makes them: 5,000 one-minute slots are allowed, and
    /// 5,000 minutes and a second, which start 5,001, are not.
    @Test func aScheduleMakesAtMostFiveThousandSlots() throws {
        let from = try #require(Timestamp(iso8601: "2030-01-01T00:00:00Z"))
        _ = try SlotSchedule(
            centreId: "c", service: "pcr", from: from.iso8601, to: from.adding(seconds: 5_000 * 60).iso8601,
            every: "1m", capacity: 1)
        let over = #expect(throws: ServiceError.self) {
            try SlotSchedule(
                centreId: "c", service: "pcr", from: from.iso8601, to: from.adding(seconds: 5_000 * 60 + 1).iso8601,
                every: "1m", capacity: 1)
        }
        #expect(over?.code == .invalidRange)
    }
}
