import Testing

@testable import HealthServices

/// The check-in code (4 digits) is the proof that the person came: wrong codes are counted and audited, and after
/// five the appointment takes no more, the right code included, so the 10,000 codes cannot be tried.
@Suite struct CheckInCodeGuessTests {
    @Test(arguments: StorageBackend.allCases) func fiveWrongCodesEndCheckInForTheAppointment(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let citizen = try await harness.citizen("900112345")
        let booked = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "a", by: citizen
        ).appointment
        harness.clock.advance(seconds: 25 * 3600 + 45 * 60)
        let wrongCodes = (0..<10).map { String(repeating: String($0), count: 4) }.filter { $0 != booked.checkInCode }
        for code in wrongCodes.prefix(5) {
            let wrong = await #expect(throws: ServiceError.self) {
                try await harness.services.appointments.checkIn(
                    appointmentID: booked.id, code: code, by: ServiceHarness.vaccinator)
            }
            #expect(wrong?.code == .wrongCheckInCode)
        }
        let locked = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.checkIn(
                appointmentID: booked.id, code: booked.checkInCode, by: ServiceHarness.vaccinator)
        }
        #expect(locked?.code == .tooManyAttempts)
        _ = try await harness.services.audit.seal()
        #expect(
            try await harness.storage.count(
                "SELECT count(*) FROM audit_log WHERE action = 'appointment.wrong-check-in-code'") == 5)

        // Booked again, the person has a new code and a new count.
        _ = try await harness.services.appointments.cancel(appointmentID: booked.id, by: citizen)
        let again = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "b", by: citizen
        ).appointment
        let checkedIn = try await harness.services.appointments.checkIn(
            appointmentID: again.id, code: again.checkInCode, by: ServiceHarness.vaccinator)
        #expect(checkedIn.status == .checkedIn)
    }
}
