import Certificates
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct VaccinationServiceTests {
    /// A citizen booked and checked in for a comirnaty slot on 2026-03-02 08:00, the clock moved to 08:05.
    private func checkedIn(_ harness: ServiceHarness, nationalId: String = "900112345") async throws -> Appointment {
        let (_, slots) = try await harness.centreWithSlots(service: "comirnaty")
        let citizen = try await harness.citizen(nationalId)
        let booked = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "dose", by: citizen)
        harness.clock.advance(seconds: 26 * 3600 + 300)
        return try await harness.services.appointments.checkIn(
            appointmentID: booked.appointment.id, code: booked.appointment.checkInCode, by: ServiceHarness.vaccinator)
    }

    @Test(arguments: StorageBackend.allCases)
    func aDoseAtACheckedInAppointmentCompletesItAndGivesAVerifiableCertificate(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend)
        let appointment = try await checkedIn(harness)
        let vaccinations = harness.services.vaccinations
        let (dose, outcome) = try await vaccinations.record(
            appointmentID: appointment.id, lot: "FK1234", doseNumber: 1, totalDoses: 2,
            administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        let certificate = try #require(outcome.issued)
        #expect(dose.country == "BH" && dose.service == "comirnaty" && certificate.vaccinationId == dose.id)
        let completed = try await harness.services.appointments.appointment(
            id: appointment.id, for: harness.operatorPrincipal)
        #expect(completed.status == .completed)

        let verified = try await harness.verify(certificate.hc1)
        #expect(verified.isValid && verified.type == .vaccination && verified.country == "BH")
        let entry = verified.healthCertificate?.json["v"]?.firstElement
        #expect(entry?["mp"]?.stringValue == "EU/1/20/1528" && entry?["ma"]?.stringValue == "ORG-100030215")
        #expect(entry?["dn"]?.integerValue == 1 && entry?["sd"]?.integerValue == 2)
        #expect(entry?["dt"]?.stringValue == "2026-03-02" && entry?["co"]?.stringValue == "BH")
        #expect(entry?["is"]?.stringValue == "Ministry of Health, Kingdom of Bahrain")

        let twice = await #expect(throws: ServiceError.self) {
            try await vaccinations.record(
                appointmentID: appointment.id, lot: "FK1234", doseNumber: 1, totalDoses: 2,
                administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        }
        #expect(twice?.code == .doseAlreadyRecorded)
    }

    /// A dose given at 00:30 in Bahrain (21:30 UTC the day before) is dated that day in Bahrain, as the person and
    /// the vaccinator know it, not the UTC day.
    @Test(arguments: StorageBackend.allCases) func aDoseIsDatedTheDayInBahrain(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend)
        let appointment = try await checkedIn(harness)
        harness.clock.advance(seconds: 13 * 3600 + 30 * 60)
        let (_, outcome) = try await harness.services.vaccinations.record(
            appointmentID: appointment.id, lot: "FK1234", doseNumber: 1, totalDoses: 2,
            administeredAt: "2026-03-02T21:30:00Z", by: ServiceHarness.vaccinator)
        let certificate = try #require(outcome.issued)
        let entry = try await harness.verify(certificate.hc1).healthCertificate?.json["v"]?.firstElement
        #expect(entry?["dt"]?.stringValue == "2026-03-03")
    }

    @Test(arguments: StorageBackend.allCases) func aDoseNeedsACheckedInAppointmentAndAPastTime(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let (_, slots) = try await harness.centreWithSlots(service: "sinopharm")
        let citizen = try await harness.citizen("900112345")
        let booked = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "k", by: citizen)
        let vaccinations = harness.services.vaccinations
        let notCheckedIn = await #expect(throws: ServiceError.self) {
            try await vaccinations.record(
                appointmentID: booked.appointment.id, lot: "L1", doseNumber: 1, totalDoses: 2,
                administeredAt: "2026-03-01T06:00:00Z", by: ServiceHarness.vaccinator)
        }
        #expect(notCheckedIn?.code == .notCheckedIn)
        let future = await #expect(throws: ServiceError.self) {
            try await vaccinations.record(
                appointmentID: booked.appointment.id, lot: "L1", doseNumber: 1, totalDoses: 2,
                administeredAt: "2026-03-03T06:00:00Z", by: ServiceHarness.vaccinator)
        }
        #expect(future?.code == .dateInFuture)
        let unknown = await #expect(throws: ServiceError.self) {
            try await vaccinations.record(
                appointmentID: "apt_missing", lot: "L1", doseNumber: 1, totalDoses: 2,
                administeredAt: "2026-03-01T06:00:00Z", by: ServiceHarness.vaccinator)
        }
        #expect(unknown?.code == .appointmentNotFound)
    }

    @Test(arguments: StorageBackend.allCases) func doseRulesFollowTheEUNotationAndTheProductInterval(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let appointment = try await checkedIn(harness)
        let vaccinations = harness.services.vaccinations
        func record(_ dose: Int, of total: Int) async throws {
            _ = try await vaccinations.record(
                appointmentID: appointment.id, lot: "FK1", doseNumber: dose, totalDoses: total,
                administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        }
        let outOfOrder = await #expect(throws: ServiceError.self) { try await record(2, of: 2) }
        #expect(outOfOrder?.code == .doseOutOfSequence)
        let boosterFirst = await #expect(throws: ServiceError.self) { try await record(1, of: 0) }
        #expect(boosterFirst?.code == .invalidDoseNumber)

        _ = try await vaccinations.recordAbroad(
            nationalId: "900112345", service: "comirnaty", country: "SA", doseNumber: 1, totalDoses: 2,
            administeredAt: "2026-02-20T10:00:00Z", lot: nil, by: harness.operatorPrincipal)
        let tooEarly = await #expect(throws: ServiceError.self) { try await record(2, of: 2) }
        #expect(tooEarly?.code == .doseTooEarly)
        let changedCourse = await #expect(throws: ServiceError.self) { try await record(2, of: 3) }
        #expect(changedCourse?.code == .totalDosesMismatch)
        let booster = await #expect(throws: ServiceError.self) { try await record(2, of: 1) }
        #expect(booster?.code == .totalDosesMismatch)
        let home = await #expect(throws: ServiceError.self) {
            try await vaccinations.recordAbroad(
                nationalId: "900112345", service: "comirnaty", country: "bh", doseNumber: 2, totalDoses: 2,
                administeredAt: "2026-02-25T10:00:00Z", lot: nil, by: harness.operatorPrincipal)
        }
        #expect(home?.code == .notAbroad)
    }

    /// A dose abroad dated before the person was born or before 2020 (a year typed wrong) is refused, as a dose
    /// cannot be corrected once recorded; and a country is two ASCII letters before it is upper-cased.
    @Test(arguments: StorageBackend.allCases) func aDoseAbroadNeedsAPlausibleDateAndCountry(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("900112345", born: "2021-01-10")
        func abroad(_ country: String, _ administeredAt: String) async throws {
            _ = try await harness.services.vaccinations.recordAbroad(
                nationalId: "900112345", service: "comirnaty", country: country, doseNumber: 1, totalDoses: 2,
                administeredAt: administeredAt, lot: nil, by: harness.operatorPrincipal)
        }
        for day in ["2012-03-01", "2019-12-31"] {
            let refused = await #expect(throws: ServiceError.self) { try await abroad("SA", "\(day)T10:00:00Z") }
            #expect(refused?.code == .implausibleDoseDate, "\(day)")
        }
        let born = await #expect(throws: ServiceError.self) { try await abroad("SA", "2021-01-05T10:00:00Z") }
        #expect(born?.code == .implausibleDoseDate)
        let folded = await #expect(throws: ServiceError.self) { try await abroad("ß", "2021-03-01T10:00:00Z") }
        #expect(folded?.code == .invalidCountry)
        try await abroad("sa", "2021-03-01T10:00:00Z")
        #expect(
            try await harness.services.vaccinations.vaccinations(for: harness.operatorPrincipal, personID: person.id)
                .map(\.country) == ["SA"])
    }

    @Test(arguments: StorageBackend.allCases) func aBoosterAfterAFinishedCourseIsWrittenInEUNotation(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let appointment = try await checkedIn(harness)
        _ = try await harness.services.vaccinations.recordAbroad(
            nationalId: "900112345", service: "vaxzevria", country: "GB", doseNumber: 1, totalDoses: 1,
            administeredAt: "2025-09-01T10:00:00Z", lot: "AZ9", by: harness.operatorPrincipal)
        // After a finished course a dose is a booster: 2/3 would start an unfinished course and turn the holder's
        // status from fully to partly vaccinated.
        let newCourse = await #expect(throws: ServiceError.self) {
            try await harness.services.vaccinations.record(
                appointmentID: appointment.id, lot: "FK2", doseNumber: 2, totalDoses: 3,
                administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        }
        #expect(newCourse?.code == .totalDosesMismatch)
        let (_, outcome) = try await harness.services.vaccinations.record(
            appointmentID: appointment.id, lot: "FK2", doseNumber: 2, totalDoses: 1,
            administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        let certificate = try #require(outcome.issued)
        let entry = try await harness.verify(certificate.hc1).healthCertificate?.json["v"]?.firstElement
        #expect(entry?["dn"]?.integerValue == 2 && entry?["sd"]?.integerValue == 1)
        let doses = try await harness.services.vaccinations.vaccinations(
            for: harness.operatorPrincipal, personID: appointment.personId)
        #expect(doses.map(\.country) == ["GB", "BH"] && doses.map(\.centreId) == [nil, appointment.centreId])
    }

    /// Ten first doses entered for one person at once: one is recorded; the others are refused as out of sequence,
    /// because each write's dose rules see the doses recorded before it (on PostgreSQL, the person's row is locked).
    @Test(arguments: StorageBackend.allCases) func dosesRecordedAtOnceAreNumberedOneAfterTheOther(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("900112345")
        let vaccinations = harness.services.vaccinations
        let staff = harness.operatorPrincipal
        // Reads at once first, so the race runs on as many connections as the pool opens.
        _ = await raceOutcomes(10) { _ in _ = try await vaccinations.vaccinations(for: staff, personID: person.id) }
        let outcomes = await raceOutcomes(10) { _ in
            _ = try await vaccinations.recordAbroad(
                nationalId: "900112345", service: "comirnaty", country: "SA", doseNumber: 1, totalDoses: 2,
                administeredAt: "2026-02-20T10:00:00Z", lot: nil, by: staff)
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .doseOutOfSequence })
        let doses = try await vaccinations.vaccinations(for: staff, personID: person.id)
        #expect(doses.map(\.doseNumber) == [1])
    }
}
