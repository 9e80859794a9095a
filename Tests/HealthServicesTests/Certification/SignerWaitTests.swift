import Certificates
import Foundation
import Testing

@testable import HealthServices

/// A record written while no document signer can sign its certificate (the DSC expired or was withdrawn, or expires
/// before the certificate is valid) is kept, and its certificate waits (`signer-needed`) until a rotation gives one.
@Suite struct SignerWaitTests {
    /// Days from the harness's DSC being made (a day before its clock starts) to its expiry.
    static let signerDays: Int64 = Int64(SignerKeys.documentSignerValidityDays)

    /// The services on `backend` with their keys in a fresh directory (removed by the caller), as a server keeps them.
    static func harness(_ backend: StorageBackend) async throws -> (ServiceHarness, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signer-\(UUID().uuidString)")
        return (try await ServiceHarness(backend, keys: .directory(directory.path)), directory)
    }

    @Test(arguments: StorageBackend.allCases) func recordsWrittenAfterTheSignerExpiredAreCertifiedAfterARotation(
        backend: StorageBackend
    ) async throws {
        let (harness, directory) = try await Self.harness(backend)
        defer { try? FileManager.default.removeItem(at: directory) }
        let services = harness.services
        let vaccinated = try await harness.person("850211236")
        let (_, slots) = try await harness.centreWithSlots(service: "comirnaty")
        let appointment = try await harness.checkedIn(personID: vaccinated.id, slot: slots[0])
        let negative = try await harness.person("850211234")
        let positive = try await harness.person("850211235")
        let unnamed = try await PassportNameTests().register(
            "800100008", .init(familyName: "王", givenName: "秀英"), in: harness)

        // Signing is left until the DSC expires, and none after.
        let left = services.certificates.secondsOfSigningLeft()
        #expect(left > (Self.signerDays - 3) * 86_400 && left < Self.signerDays * 86_400)
        harness.clock.advance(seconds: left - 1)
        #expect(services.certificates.secondsOfSigningLeft() == 1)
        harness.clock.advance(seconds: Self.signerDays * 86_400 - left + 1)
        #expect(services.certificates.secondsOfSigningLeft() == 0)
        let outcomes = try await services.results.submit(
            [
                try harness.item("S-1", "850211234", "negative"), try harness.item("S-2", "850211235", "positive"),
                try harness.item("S-3", "800100008", "negative"),
            ], by: ServiceHarness.lab)
        #expect(outcomes.map(\.status) == [.created, .created, .created])
        #expect(outcomes.allSatisfy { $0.certificateId == nil && $0.certificateWaiting == "signer-needed" })
        #expect(try await services.cases.cases(state: "isolating", assignedTo: nil, since: nil).count == 1)
        let (_, dose) = try await services.vaccinations.record(
            appointmentID: appointment.id, lot: "FK1234", doseNumber: 1, totalDoses: 2,
            administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        #expect(dose.waiting?.reason == "signer-needed")
        let certificates = services.certificates
        await #expect(throws: ServiceError(.signerNeeded, "")) {
            _ = try await certificates.issueCertificatesWaitingForSigner()
        }

        let rotated = try await certificates.rotateDocumentSigner(
            validDays: 730, from: nil, by: harness.operatorPrincipal)
        #expect(certificates.secondsOfSigningLeft() == 730 * 86_400)
        // Two servers' passes at once: each certificate is issued by one of them.
        async let first = certificates.issueCertificatesWaitingForSigner()
        async let second = certificates.issueCertificatesWaitingForSigner()
        #expect(try await first + second == 3)
        var issued: [IssuedCertificate] = []
        for person in [negative.id, positive.id, vaccinated.id, unnamed.id] {
            issued += try await certificates.certificates(for: harness.operatorPrincipal, personID: person)
        }
        #expect(issued.map(\.type) == [.test, .recovery, .vaccination])
        for certificate in issued {
            let verified = try await harness.verify(certificate.hc1)
            #expect(verified.keyID.map { Data($0).base64EncodedString() } == rotated.keyID, "\(certificate.type)")
            #expect(verified.checks.signature == true && verified.checks.expiry == true, "\(certificate.type)")
        }
        // The holder without a Latin form waits for it now, as that record would have at once with a signer.
        let stillWaiting = try await certificates.waitingCertificates(
            for: harness.operatorPrincipal, personID: unnamed.id)
        #expect(stillWaiting.map(\.reason) == ["name-needs-latin-form"])
        #expect(
            try await certificates.waitingCertificates(for: harness.operatorPrincipal, personID: vaccinated.id).isEmpty)
        let audit = try await services.audit.latest(limit: 10).map(\.action)
        #expect(audit.filter { $0 == "certificate.issue-waiting" }.count == 3)
        #expect(try await certificates.issueCertificatesWaitingForSigner() == 0)
    }

    /// Signing is left only as long as the newest DSC lasts: once it expires none signs, however long an older one
    /// is still valid.
    @Test func signingLeftFollowsTheNewestSigner() async throws {
        let (harness, directory) = try await Self.harness(.sqlite)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = harness.services.certificates
        #expect(certificates.secondsOfSigningLeft() > 700 * 86_400)
        _ = try await certificates.rotateDocumentSigner(validDays: 30, from: nil, by: harness.operatorPrincipal)
        #expect(certificates.secondsOfSigningLeft() == 30 * 86_400)
    }

    /// A recovery certificate is valid from day 11: signed by a DSC expiring before then, it would never be valid.
    /// It waits; a test certificate, valid at once, is issued as ever.
    @Test(arguments: StorageBackend.allCases) func aRecoveryValidOnlyAfterTheSignerExpiresWaits(
        backend: StorageBackend
    ) async throws {
        let (harness, directory) = try await Self.harness(backend)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await harness.person("850211234")
        let positive = try await harness.person("850211235")
        harness.clock.advance(seconds: (Self.signerDays - 6) * 86_400)
        let outcomes = try await harness.services.results.submit(
            [try harness.item("S-1", "850211234", "negative"), try harness.item("S-2", "850211235", "positive")],
            by: ServiceHarness.lab)
        #expect(outcomes[0].certificateId != nil && outcomes[0].certificateWaiting == nil)
        #expect(outcomes[1].certificateId == nil && outcomes[1].certificateWaiting == "signer-needed")
        let certificates = harness.services.certificates
        #expect(try await certificates.issueCertificatesWaitingForSigner() == 0)
        // Tried under this DSC and left waiting: the next passes leave it alone until another DSC signs.
        let waits = try await certificates.waitingCertificates(for: harness.operatorPrincipal, personID: positive.id)
        let kid = try #require(certificates.authority.issuer(at: harness.clock.wallClock.now())?.keyID)
        #expect(waits.count == 1 && certificates.signerWaitMemo.untried(waits, by: kid).isEmpty)

        _ = try await certificates.rotateDocumentSigner(validDays: 730, from: nil, by: harness.operatorPrincipal)
        #expect(try await certificates.issueCertificatesWaitingForSigner() == 1)
        let recovery = try #require(
            try await certificates.certificates(for: harness.operatorPrincipal, personID: positive.id).first)
        #expect(recovery.type == .recovery)
        let firstPositive = harness.clock.wallClock.now().adding(seconds: -2 * 3600).civilDate
        #expect(recovery.expiresAt == CertificateAuthority.recoveryCertificateExpiry(firstPositive: firstPositive))
    }

    /// A rapid antigen negative that waited for its holder's Latin name, whose device the EU list has dropped since:
    /// the name does not issue a certificate naming that device (every verifier would refuse it); it waits for the
    /// lab's device.
    @Test(arguments: StorageBackend.allCases) func aLatinNameDoesNotIssueATestNamingADeviceOffTheList(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        _ = try await PassportNameTests().register("800100008", .init(familyName: "王", givenName: "秀英"), in: harness)
        let outcome = try await harness.services.results.submit(
            [try harness.item("R-1", "800100008", "negative", test: "rapid-antigen", device: "1232")],
            by: ServiceHarness.lab)
        #expect(outcome[0].certificateWaiting == "name-needs-latin-form")

        guard case .object(let sets) = ValueSets.european.json else { throw HarnessError("no value sets") }
        let withoutDevice = JSONValue.object(
            sets.map { member in
                guard member.key == ValueSetCheck.testDevices, case .array(let devices) = member.value else {
                    return member
                }
                #expect(devices.contains(.string("1232")))
                return .init(member.key, .array(devices.filter { $0 != .string("1232") }))
            })
        try await harness.services.borderLists.importValueSets(
            try ValueSets(json: withoutDevice), by: harness.operatorPrincipal)

        let update = try await harness.services.passportNames.setLatinName(
            nationalId: "800100008", familyNameLatin: "Wang", givenNameLatin: "Xiuying", by: harness.operatorPrincipal)
        #expect(update.issued.isEmpty && update.stillWaiting.map(\.reason) == ["device-needed"])
    }
}
