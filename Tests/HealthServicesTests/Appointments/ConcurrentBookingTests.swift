import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct ConcurrentBookingTests {
    /// Hundreds of simultaneous bookings for a slot's last seats, on a real WAL database file.
    @Test(arguments: StorageBackend.allCases) func concurrentBookingsNeverOverbook(backend: StorageBackend) async throws
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "appointments-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(backend, sqliteStorage: .directory(directory.path))
        let (_, slots) = try await harness.centreWithSlots(count: 1, capacity: 50)
        let slotID = slots[0].id
        let staff = harness.operatorPrincipal
        let details = try (0..<300).map { index in
            try harness.services.accounts.checkedDetails(
                nationalId: String(format: "8%08d", index), dateOfBirth: "1985-06-01",
                names: .init(name: "Person \(index)"),
                phone: nil
            )
        }
        let people = try await harness.services.accounts.register(details, by: staff)
        let appointments = harness.services.appointments

        let outcomes = await withTaskGroup(of: Result<String, ServiceError>.self) { group in
            for person in people {
                group.addTask {
                    do {
                        return .success(
                            try await appointments.book(
                                slotID: slotID, personID: person.id, idempotencyKey: "k-\(person.id)", by: staff
                            ).appointment.id)
                    } catch let error as ServiceError {
                        return .failure(error)
                    } catch {
                        return .failure(ServiceError(.invalidField, "\(error)"))
                    }
                }
            }
            return await group.reduce(into: [Result<String, ServiceError>]()) { $0.append($1) }
        }
        let booked = outcomes.compactMap { try? $0.get() }
        let refusals = outcomes.compactMap { if case .failure(let error) = $0 { error.code } else { nil } }
        #expect(booked.count == 50)
        #expect(Set(booked).count == 50)
        #expect(refusals.count == 250 && refusals.allSatisfy { $0 == .slotFull })
        let bookedRows = try await harness.storage.count(
            "SELECT count(*) FROM appointments WHERE slot_id = $1 AND status = 'booked'", slotID)
        let seats = try await harness.storage.count("SELECT booked FROM slots WHERE id = $1", slotID)
        #expect(bookedRows == 50 && seats == 50)
        #expect(try await harness.services.audit.verify().isIntact)
    }

    /// Many cancels of one appointment at once: one succeeds and frees its seat once; the others find it cancelled.
    /// (On PostgreSQL each reads the appointment before the first has committed, unless the read locks it.)
    @Test(arguments: StorageBackend.allCases) func concurrentCancelsOfOneAppointmentFreeItsSeatOnce(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots(count: 1, capacity: 2)
        let staff = harness.operatorPrincipal
        let details = try (0..<2).map { index in
            try harness.services.accounts.checkedDetails(
                nationalId: String(format: "7%08d", index), dateOfBirth: "1985-06-01",
                names: .init(name: "Person \(index)"), phone: nil)
        }
        let people = try await harness.services.accounts.register(details, by: staff)
        let appointments = harness.services.appointments
        var booked: [String] = []
        for person in people {
            booked.append(
                try await appointments.book(
                    slotID: slots[0].id, personID: person.id, idempotencyKey: "k-\(person.id)", by: staff
                ).appointment.id)
        }
        let cancelled = booked[0]
        let outcomes = await raceOutcomes(12) { _ in
            _ = try await appointments.cancel(appointmentID: cancelled, by: staff)
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .notActive })
        let seats = try await harness.storage.count("SELECT booked FROM slots WHERE id = $1", slots[0].id)
        #expect(seats == 1)
        #expect(try await harness.services.audit.verify().isIntact)
    }

    /// Reschedules of one appointment at once, each to another slot: each finds the appointment where the one before
    /// left it and moves it on, so all succeed and one seat stays taken. (On PostgreSQL a read that joined the slot
    /// row it first saw to the appointment's new version answered appointment-not-found.)
    @Test(arguments: StorageBackend.allCases) func concurrentReschedulesOfOneAppointmentEachFindIt(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots(count: 13, capacity: 1)
        let staff = harness.operatorPrincipal
        let person = try await harness.person("700000001")
        let appointments = harness.services.appointments
        let appointment = try await appointments.book(
            slotID: slots[0].id, personID: person.id, idempotencyKey: "k", by: staff
        ).appointment
        // Reads at once first, so the race runs on as many connections as the pool opens.
        _ = await raceOutcomes(12) { _ in _ = try await appointments.appointment(id: appointment.id, for: staff) }
        let outcomes = await raceOutcomes(12) { index in
            _ = try await appointments.reschedule(appointmentID: appointment.id, toSlot: slots[index + 1].id, by: staff)
        }
        #expect(outcomes.allSatisfy { $0 == nil }, "\(outcomes)")
        let moved = try await appointments.appointment(id: appointment.id, for: staff)
        let seats = try await harness.storage.count("SELECT sum(booked) FROM slots")
        let seat = try await harness.storage.count("SELECT booked FROM slots WHERE id = $1", moved.slotId)
        #expect(moved.status == .booked && seats == 1 && seat == 1)
        #expect(try await harness.services.audit.verify().isIntact)
    }
}
