import Certificates
import PostgresNIO
import Testing

@testable import HealthServices

/// A dose or a lab result recorded while an operator sets the holder's Latin name: whichever commits second sees the
/// other, so the certificate is issued with the name, never left waiting for a name already on file. On PostgreSQL
/// the name is set here in a transaction held open until the record queues behind it. (SQLite runs writes one after
/// another.)
@Suite struct LatinNameRaceTests {
    @Test func aDoseRecordedWhileTheLatinNameIsSetIsCertifiedWithIt() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await PassportNameTests().register(
            "800100012", .init(familyName: "王", givenName: "秀英"), in: harness)
        let (_, slots) = try await harness.centreWithSlots(service: "comirnaty")
        let appointment = try await harness.checkedIn(personID: person.id, slot: slots[0])
        let vaccinations = harness.services.vaccinations

        let recording = try await database.holding(
            "UPDATE people SET family_name_latin = 'Wang', given_name_latin = 'Xiuying' WHERE id = \(person.id)"
        ) {
            let recording = Task {
                try await vaccinations.record(
                    appointmentID: appointment.id, lot: "FK1", doseNumber: 1, totalDoses: 2,
                    administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
            }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the dose waits for the person")
            return recording
        }
        let (_, outcome) = try await recording.value
        #expect(outcome.waiting == nil)
        let certificate = try #require(outcome.issued)
        let verified = try await harness.verify(certificate.hc1)
        #expect(verified.healthCertificate?.json["nam"]?["fnt"]?.stringValue == "WANG")
    }

    @Test func aResultRecordedWhileTheLatinNameIsSetIsCertifiedWithIt() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let person = try await PassportNameTests().register(
            "800100012", .init(familyName: "王", givenName: "秀英"), in: harness)
        let item = try harness.item("W-1", "800100012", "negative")
        let results = harness.services.results

        let recording = try await database.holding(
            "UPDATE people SET family_name_latin = 'Wang', given_name_latin = 'Xiuying' WHERE id = \(person.id)"
        ) {
            let recording = Task { try await results.submit([item], by: ServiceHarness.lab) }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the lab's write waits for the person")
            return recording
        }
        let outcome = try #require(try await recording.value.first)
        #expect(outcome.certificateWaiting == nil)
        let certificate = try await harness.services.certificates.certificate(
            id: try #require(outcome.certificateId), for: harness.operatorPrincipal)
        let verified = try await harness.verify(certificate.hc1)
        #expect(verified.healthCertificate?.json["nam"]?["fnt"]?.stringValue == "WANG")
    }
}
