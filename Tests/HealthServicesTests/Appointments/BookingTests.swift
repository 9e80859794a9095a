import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct BookingTests {
    @Test(arguments: StorageBackend.allCases) func aRetryWithTheSameKeyReturnsTheSameAppointmentAndAnotherBodyIsRefused(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let citizen = try await harness.citizen("900112345")
        let appointments = harness.services.appointments
        let first = try await appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "retry-1", by: citizen)
        let retry = try await appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "retry-1", by: citizen)
        #expect(!first.isReplay && retry.isReplay && retry.appointment.id == first.appointment.id)
        let explicit = try await appointments.book(
            slotID: slots[0].id, personID: citizen.personID, idempotencyKey: "retry-1", by: citizen)
        #expect(explicit.appointment.id == first.appointment.id)
        let misuse = await #expect(throws: ServiceError.self) {
            try await appointments.book(slotID: slots[1].id, personID: nil, idempotencyKey: "retry-1", by: citizen)
        }
        #expect(misuse?.code == .idempotencyKeyReused)
        #expect(first.appointment.checkInCode.count == 4 && first.appointment.checkInCode.allSatisfy(\.isNumber))
        let slot = try await harness.services.scheduling.searchSlots(
            service: "pcr", centre: nil, area: nil, from: nil, to: nil, limit: nil, includeFull: true)
        #expect(slot.first { $0.id == slots[0].id }?.remaining == 1)
    }

    @Test(arguments: StorageBackend.allCases) func onePersonHasOneActiveAppointmentPerServiceAndFullSlotsAreRefused(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots(capacity: 1)
        let first = try await harness.citizen("900112345")
        let second = try await harness.citizen("910112345", phone: "+97336005678")
        let appointments = harness.services.appointments
        let booked = try await appointments.book(slotID: slots[0].id, personID: nil, idempotencyKey: "a", by: first)
        let twice = await #expect(throws: ServiceError.self) {
            try await appointments.book(slotID: slots[1].id, personID: nil, idempotencyKey: "b", by: first)
        }
        #expect(twice?.code == .alreadyBooked)
        let full = await #expect(throws: ServiceError.self) {
            try await appointments.book(slotID: slots[0].id, personID: nil, idempotencyKey: "c", by: second)
        }
        #expect(full?.code == .slotFull)
        _ = try await appointments.cancel(appointmentID: booked.appointment.id, by: first)
        _ = try await appointments.book(slotID: slots[0].id, personID: nil, idempotencyKey: "c", by: second)
        _ = try await appointments.book(slotID: slots[1].id, personID: nil, idempotencyKey: "d", by: first)
    }

    @Test(arguments: StorageBackend.allCases) func aCitizenActsForDependantsButNeverSeesOthersRecords(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let parent = try await harness.citizen("900112345")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(name: "Child"), by: parent)
        let stranger = try await harness.citizen("910112345", phone: "+97336005678")
        let appointments = harness.services.appointments
        let forChild = try await appointments.book(
            slotID: slots[0].id, personID: child.id, idempotencyKey: "child", by: parent)
        #expect(forChild.appointment.personId == child.id)
        #expect(
            try await appointments.appointments(for: parent, filter: AppointmentFilter()).map(\.id) == [
                forChild.appointment.id
            ])
        #expect(try await appointments.appointments(for: stranger, filter: AppointmentFilter()).isEmpty)
        let peek = await #expect(throws: ServiceError.self) {
            try await appointments.appointment(id: forChild.appointment.id, for: stranger)
        }
        #expect(peek?.code == .appointmentNotFound)
        let cancel = await #expect(throws: ServiceError.self) {
            try await appointments.cancel(appointmentID: forChild.appointment.id, by: stranger)
        }
        #expect(cancel?.code == .appointmentNotFound)
        let bookForOther = await #expect(throws: ServiceError.self) {
            try await appointments.book(
                slotID: slots[1].id, personID: parent.personID, idempotencyKey: "x", by: stranger)
        }
        #expect(bookForOther?.code == .personNotFound)
    }

    /// Staff name the person: one who does not exist is refused before the slot is looked at, and an unknown slot
    /// or one that has started is refused for a person who does.
    @Test(arguments: StorageBackend.allCases) func staffBookingsAreRefusedForUnknownPeopleAndSlots(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let person = try #require(try await harness.citizen("900112345").personID)
        let appointments = harness.services.appointments
        let staff = harness.operatorPrincipal
        let cases: [(slot: String, person: String, code: ServiceError.Code)] = [
            ("slt_unknown", "per_unknown", .personNotFound),
            (slots[0].id, "per_unknown", .personNotFound),
            ("slt_unknown", person, .slotNotFound),
        ]
        for (index, (slot, personID, code)) in cases.enumerated() {
            let refused = await #expect(throws: ServiceError.self) {
                try await appointments.book(slotID: slot, personID: personID, idempotencyKey: "k\(index)", by: staff)
            }
            #expect(refused?.code == code, "\(slot) \(personID)")
        }
        harness.clock.advance(seconds: 26 * 3600)
        let started = await #expect(throws: ServiceError.self) {
            try await appointments.book(slotID: slots[0].id, personID: person, idempotencyKey: "late", by: staff)
        }
        #expect(started?.code == .slotStarted)
        let booked = try await appointments.book(
            slotID: slots[1].id, personID: person, idempotencyKey: "in-time", by: staff)
        #expect(booked.appointment.personId == person && booked.appointment.bookedBy == staff.name)
    }

    @Test(arguments: StorageBackend.allCases) func aVaccineDoseCannotBeBookedBeforeTheProductsMinimumInterval(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        let (_, early) = try await harness.centreWithSlots(service: "comirnaty", count: 1, day: "2026-03-10")
        let (_, onTime) = try await harness.centreWithSlots(service: "comirnaty", count: 1, day: "2026-03-22")
        let personID = try #require(citizen.personID)
        try await harness.storage.execute(
            """
            INSERT INTO vaccinations (id, person_id, service_id, dose_number, total_doses, administered_at, recorded_by, recorded_at)
            VALUES ('vac_1', $1, 'comirnaty', 1, 2, '2026-03-01T10:00:00Z', 'test', '2026-03-01T10:00:00Z')
            """,
            personID)
        let tooEarly = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.book(
                slotID: early[0].id, personID: nil, idempotencyKey: "v1", by: citizen)
        }
        #expect(tooEarly?.code == .doseTooEarly)
        let booked = try await harness.services.appointments.book(
            slotID: onTime[0].id, personID: nil, idempotencyKey: "v2", by: citizen)
        let back = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.reschedule(
                appointmentID: booked.appointment.id, toSlot: early[0].id, by: citizen)
        }
        #expect(back?.code == .doseTooEarly)
    }

    @Test(arguments: StorageBackend.allCases) func rescheduleMovesTheSeatAtomically(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots(capacity: 1)
        let first = try await harness.citizen("900112345")
        let second = try await harness.citizen("910112345", phone: "+97336005678")
        let appointments = harness.services.appointments
        let mine = try await appointments.book(slotID: slots[0].id, personID: nil, idempotencyKey: "a", by: first)
        _ = try await appointments.book(slotID: slots[1].id, personID: nil, idempotencyKey: "b", by: second)
        let full = await #expect(throws: ServiceError.self) {
            try await appointments.reschedule(appointmentID: mine.appointment.id, toSlot: slots[1].id, by: first)
        }
        #expect(full?.code == .slotFull)
        #expect(try await appointments.appointment(id: mine.appointment.id, for: first).slotId == slots[0].id)

        let moved = try await appointments.reschedule(
            appointmentID: mine.appointment.id, toSlot: slots[2].id, by: first)
        #expect(moved.slotId == slots[2].id && moved.checkInCode == mine.appointment.checkInCode)
        let remaining = try await harness.storage.texts(
            "SELECT id || ':' || CAST(capacity - booked AS text) FROM slots"
        )
        .compactMap { $0?.split(separator: ":").map(String.init) }.map { ($0[0], Int($0[1]) ?? -1) }
        let byID = Dictionary(uniqueKeysWithValues: remaining)
        #expect(byID[slots[0].id] == 1 && byID[slots[1].id] == 0 && byID[slots[2].id] == 0)
    }

    @Test(arguments: StorageBackend.allCases) func checkInNeedsTheCodeAndHappensOnce(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let citizen = try await harness.citizen("900112345")
        let nurse = Principal(role: .vaccinator, name: "nurse-1", personID: nil)
        let booked = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "a", by: citizen
        ).appointment
        harness.clock.advance(seconds: 25 * 3600 + 45 * 60)
        let wrongCode = booked.checkInCode == "0000" ? "1111" : "0000"
        let wrong = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.checkIn(appointmentID: booked.id, code: wrongCode, by: nurse)
        }
        #expect(wrong?.code == .wrongCheckInCode)
        let selfCheckIn = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.checkIn(
                appointmentID: booked.id, code: booked.checkInCode, by: citizen)
        }
        #expect(selfCheckIn?.code == .staffOnly)
        let done = try await harness.services.appointments.checkIn(
            appointmentID: booked.id, code: booked.checkInCode, by: nurse)
        #expect(done.status == .checkedIn)
        let again = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.checkIn(
                appointmentID: booked.id, code: booked.checkInCode, by: nurse)
        }
        #expect(again?.code == .notActive)
    }

    /// A guardian who booked for a dependant no longer sees the appointment once the dependant, of age, holds their
    /// own account: not by replaying the booking's Idempotency-Key either.
    @Test(arguments: StorageBackend.allCases) func aReplayShowsTheAppointmentOnlyToWhoMayStillSeeIt(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots()
        let parent = try await harness.citizen("900112345")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "080312345", dateOfBirth: "2008-03-05", names: .init(name: "Child Ali"), by: parent)
        let appointments = harness.services.appointments
        let booked = try await appointments.book(
            slotID: slots[0].id, personID: child.id, idempotencyKey: "k", by: parent)
        let replayed = try await appointments.book(
            slotID: slots[0].id, personID: child.id, idempotencyKey: "k", by: parent)
        #expect(replayed.isReplay && replayed.appointment.id == booked.appointment.id)
        harness.clock.advance(seconds: 5 * 86_400)
        _ = try await harness.citizen("080312345", born: "2008-03-05", phone: "+97336007777")
        let refused = await #expect(throws: ServiceError.self) {
            try await appointments.book(slotID: slots[0].id, personID: child.id, idempotencyKey: "k", by: parent)
        }
        #expect(refused?.code == .appointmentNotFound)
    }

    @Test(arguments: StorageBackend.allCases) func slotsInThePastCannotBeCreatedOrBooked(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (centre, slots) = try await harness.centreWithSlots()
        let past = await #expect(throws: ServiceError.self) {
            try await harness.services.scheduling.createSlots(
                try SlotSchedule(
                    centreId: centre.id, service: "pcr", from: "2026-02-01T08:00:00Z", to: "2026-02-01T09:00:00Z",
                    every: "15m", capacity: 1),
                by: harness.operatorPrincipal
            )
        }
        #expect(past?.code == .invalidRange)
        let citizen = try await harness.citizen("900112345")
        harness.clock.advance(seconds: 2 * 86_400)
        let started = await #expect(throws: ServiceError.self) {
            try await harness.services.appointments.book(
                slotID: slots[0].id, personID: nil, idempotencyKey: "late", by: citizen)
        }
        #expect(started?.code == .slotStarted)
    }
}
