import Testing

@testable import HealthServices

/// When an appointment can be checked in: around its slot's start, within the slot's day in Bahrain.
@Suite struct CheckInWindowTests {
    /// Check-in runs from 2 hours before the slot (08:00) to 12 hours after: an early check-in would hold the seat
    /// and let the person book the same service again; a missed appointment is cancelled and booked anew.
    @Test(arguments: StorageBackend.allCases) func checkInIsOpenFromTwoHoursBeforeTheSlotToTwelveAfter(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let appointments = harness.services.appointments
        let nurse = Principal(role: .vaccinator, name: "nurse-1", personID: nil)
        var booked: [Appointment] = []
        for nationalID in ["900112345", "850211234"] {
            booked.append(
                try await appointments.book(
                    slotID: slots[0].id, personID: nil, idempotencyKey: "a", by: harness.citizen(nationalID)
                ).appointment)
        }
        // 2026-03-02T05:59:59Z, a second before check-in opens.
        harness.clock.advance(seconds: 24 * 3600 - 1)
        let early = await #expect(throws: ServiceError.self) {
            try await appointments.checkIn(appointmentID: booked[0].id, code: booked[0].checkInCode, by: nurse)
        }
        #expect(early?.code == .checkInNotOpen)
        harness.clock.advance(seconds: 1)
        let opened = try await appointments.checkIn(
            appointmentID: booked[0].id, code: booked[0].checkInCode, by: nurse)
        #expect(opened.status == .checkedIn)
        // 2026-03-02T20:00:00Z, when check-in closes.
        harness.clock.advance(seconds: 14 * 3600)
        let late = await #expect(throws: ServiceError.self) {
            try await appointments.checkIn(appointmentID: booked[1].id, code: booked[1].checkInCode, by: nurse)
        }
        #expect(late?.code == .checkInClosed)
        let missed = try await appointments.appointment(id: booked[1].id, for: harness.operatorPrincipal)
        #expect(missed.status == .booked)
    }

    /// A slot at 21:00 in Bahrain closes check-in at midnight there, not at 09:00 the next day; one at 00:30 opens
    /// it at midnight, not at 22:30 the day before, when a dose given would fall on a day its interval may refuse.
    @Test(arguments: StorageBackend.allCases) func checkInStaysWithinTheSlotsDayInBahrain(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let centre = try await harness.services.scheduling.addCentre(
            name: "Salmaniya", area: "Capital", services: ["pcr"], by: harness.operatorPrincipal)
        let schedule = try SlotSchedule(
            centreId: centre.id, service: "pcr", from: "2026-03-02T18:00:00Z", to: "2026-03-02T21:45:00Z",
            every: "15m", capacity: 1)
        _ = try await harness.services.scheduling.createSlots(schedule, by: harness.operatorPrincipal)
        let slots = try await harness.services.scheduling.searchSlots(
            service: "pcr", centre: centre.id, area: nil, from: "2026-03-02T00:00:00Z", to: nil, limit: "500",
            includeFull: true)
        let appointments = harness.services.appointments
        let nurse = Principal(role: .vaccinator, name: "nurse-1", personID: nil)
        var booked: [Appointment] = []
        for (nationalID, start) in [("900112345", "2026-03-02T18:00:00Z"), ("850211234", "2026-03-02T21:30:00Z")] {
            let slot = try #require(slots.first { $0.start.iso8601 == start })
            booked.append(
                try await appointments.book(
                    slotID: slot.id, personID: nil, idempotencyKey: "a", by: harness.citizen(nationalID)
                ).appointment)
        }
        func checkIn(_ appointment: Appointment) async throws -> Appointment {
            try await appointments.checkIn(appointmentID: appointment.id, code: appointment.checkInCode, by: nurse)
        }
        // 2026-03-02T20:59:59Z, 23:59:59 in Bahrain.
        harness.clock.advance(seconds: 39 * 3600 - 1)
        let early = await #expect(throws: ServiceError.self) { try await checkIn(booked[1]) }
        #expect(early?.code == .checkInNotOpen)
        harness.clock.advance(seconds: 1)
        let late = await #expect(throws: ServiceError.self) { try await checkIn(booked[0]) }
        #expect(late?.code == .checkInClosed)
        #expect(try await checkIn(booked[1]).status == .checkedIn)
    }
}
