import Testing

@testable import HealthServices

/// The dose interval counts from a dose being given: a vaccine appointment checked in today holds the next booking
/// back as its recorded dose will; and a dose recorded after a booking is told at that booking's check-in.
@Suite struct DoseIntervalTests {
    @Test(arguments: StorageBackend.allCases) func aDoseBeingGivenHoldsTheNextBookingBack(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let (_, today) = try await harness.centreWithSlots(service: "comirnaty", count: 1)
        let (_, tomorrow) = try await harness.centreWithSlots(service: "comirnaty", count: 1, day: "2026-03-03")
        let (_, later) = try await harness.centreWithSlots(service: "comirnaty", count: 1, day: "2026-03-23")
        let appointments = harness.services.appointments
        let first = try await harness.checkedIn(personID: person.id, slot: today[0])

        let tooEarly = await #expect(throws: ServiceError.self) {
            try await appointments.book(
                slotID: tomorrow[0].id, personID: person.id, idempotencyKey: "next", by: harness.operatorPrincipal)
        }
        #expect(tooEarly?.code == .doseTooEarly)
        let onTime = try await appointments.book(
            slotID: later[0].id, personID: person.id, idempotencyKey: "later", by: harness.operatorPrincipal)

        // The next day, the first appointment's dose still unrecorded: most likely not given, so it holds nothing back.
        _ = try await appointments.cancel(appointmentID: onTime.appointment.id, by: harness.operatorPrincipal)
        harness.clock.advance(seconds: 20 * 3600)
        let second = try await appointments.book(
            slotID: tomorrow[0].id, personID: person.id, idempotencyKey: "next-day", by: harness.operatorPrincipal)

        // It was given after all, and recorded late: the second appointment is refused at the door.
        _ = try await harness.services.vaccinations.record(
            appointmentID: first.id, lot: "FK1", doseNumber: 1, totalDoses: 2, administeredAt: "2026-03-02T08:04:00Z",
            by: ServiceHarness.vaccinator)
        harness.clock.advance(seconds: 4 * 3600)
        let refused = await #expect(throws: ServiceError.self) {
            try await appointments.checkIn(
                appointmentID: second.appointment.id, code: second.appointment.checkInCode,
                by: ServiceHarness.vaccinator)
        }
        #expect(refused?.code == .doseTooEarly)
        let unchanged = try await appointments.appointment(id: second.appointment.id, for: harness.operatorPrincipal)
        #expect(unchanged.status == .booked)
    }
}
