import Certificates
import Foundation
import Testing

@testable import HealthServices

/// A rapid antigen test certificate names the test's device (`ma`); without it every EU acceptance rule refuses the
/// certificate (TR-EU-0002), so the certificate waits for the lab to name it.
@Suite struct RapidAntigenDeviceTests {
    @Test(arguments: StorageBackend.allCases) func aRapidAntigenNegativeWaitsForItsDeviceAndItsCorrectionIssues(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        let results = harness.services.results
        let first = try await results.submit(
            [try harness.item("R-1", "900112345", "negative", test: "rapid-antigen")], by: ServiceHarness.lab)
        #expect(first.map(\.status) == [.created])
        #expect(first[0].certificateId == nil && first[0].certificateWaiting == "device-needed")
        let waiting = try await harness.services.certificates.waitingCertificates(for: citizen, personID: nil)
        #expect(waiting.map(\.reason) == ["device-needed"] && waiting.map(\.type) == [.test])

        let corrected = try await results.submit(
            [try harness.item("R-1", "900112345", "negative", test: "rapid-antigen", device: "1232")],
            by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected] && corrected[0].certificateWaiting == nil)
        let id = try #require(corrected[0].certificateId)
        let certificate = try await harness.services.certificates.certificate(id: id, for: citizen)
        // Our own border check passes it, entry rules included (TR-BH-0004: a device on the EU list).
        let verified = try await harness.verify(certificate.hc1)
        #expect(verified.isValid && !verified.rules.isEmpty)
        let entry = verified.healthCertificate?.json["t"]?.firstElement
        #expect(entry?["tt"]?.stringValue == "LP217198-3" && entry?["ma"]?.stringValue == "1232")
        #expect(try await harness.services.certificates.waitingCertificates(for: citizen, personID: nil).isEmpty)
        let seen = try await results.results(for: citizen, personID: nil)
        #expect(seen.map(\.result.device) == ["1232"])

        let repeated = try await results.submit(
            [try harness.item("R-1", "900112345", "negative", test: "rapid-antigen", device: "1232")],
            by: ServiceHarness.lab)
        #expect(repeated.map(\.status) == [.unchanged])
        // A file without the device (a CSV with no such column) repeats the result; it does not take the device back.
        let withoutDevice = try await results.submit(
            [try harness.item("R-1", "900112345", "negative", test: "rapid-antigen")], by: ServiceHarness.lab)
        #expect(withoutDevice.map(\.status) == [.unchanged])
    }

    /// A device the EU list does not name would make a test certificate every verifier refuses (`value-set-violation`):
    /// the negative is recorded and its certificate waits, as one without a device does, until a correction names a
    /// listed device; a positive naming one is recorded as any positive (it gives no test certificate).
    @Test(arguments: StorageBackend.allCases) func aDeviceNotOnTheEUListMakesTheCertificateWait(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        let results = harness.services.results
        let outcomes = try await results.submit(
            [
                try harness.item("R-1", "900112345", "negative", test: "rapid-antigen", device: "9999"),
                try harness.item("R-3", "900112345", "positive", test: "rapid-antigen", hoursAgo: 1, device: "9999"),
            ], by: ServiceHarness.lab)
        #expect(outcomes.map(\.status) == [.created, .created])
        #expect(outcomes[0].certificateId == nil && outcomes[0].certificateWaiting == "device-needed")
        #expect(try await harness.services.certificates.certificates(for: citizen, personID: nil).isEmpty)

        let corrected = try await results.submit(
            [try harness.item("R-1", "900112345", "negative", test: "rapid-antigen", device: "1232")],
            by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected] && corrected[0].certificateId != nil)
        let certificate = try await harness.services.certificates.certificate(
            id: try #require(corrected[0].certificateId), for: citizen)
        #expect(try await harness.verify(certificate.hc1).isValid)
    }

    /// A test certificate that waited past its 72 hours is no longer listed: nothing can issue it.
    @Test(arguments: StorageBackend.allCases) func aWaitPastTheTestsSeventyTwoHoursIsNotListed(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        _ = try await harness.services.results.submit(
            [try harness.item("R-1", "900112345", "negative", test: "rapid-antigen")], by: ServiceHarness.lab)
        let certificates = harness.services.certificates
        #expect(try await certificates.waitingCertificates(for: citizen, personID: nil).count == 1)
        harness.clock.advance(seconds: 70 * 3600)
        #expect(try await certificates.waitingCertificates(for: citizen, personID: nil).isEmpty)
    }

    @Test func aDeviceIsADigitIDOfARapidAntigenTest() throws {
        func refusal(test: String, device: String) throws -> ServiceError {
            try #require(throws: ServiceError.self) {
                try LabResultSubmission(
                    sampleId: "R-1", nationalId: "900112345", test: test, result: "negative",
                    sampledAt: "2026-03-01T08:00:00Z", resultedAt: "2026-03-01T08:20:00Z", device: device)
            }
        }
        #expect(try refusal(test: "pcr", device: "1232").code == .invalidDevice)
        #expect(try refusal(test: "rapid-antigen", device: "").code == .invalidDevice)
        #expect(try refusal(test: "rapid-antigen", device: "AT-1232").code == .invalidDevice)
        #expect(try refusal(test: "rapid-antigen", device: String(repeating: "1", count: 17)).code == .invalidDevice)
    }

    @Test func aBatchItemMayNameItsDevice() throws {
        let batch = """
            [{"sampleId":"R-1","nationalId":"900112345","test":"rapid-antigen","result":"negative",
              "sampledAt":"2026-03-01T08:00:00Z","resultedAt":"2026-03-01T08:20:00Z","device":"2130"}]
            """
        let items = try LabResultBatch.parse(Data(batch.utf8))
        #expect(try items.map { try $0.get().device } == ["2130"])
    }
}
