import Certificates
import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct CertificateServiceTests {
    @Test(arguments: StorageBackend.allCases) func aRevokedCertificateJoinsTheRevocationListAndFailsVerification(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let outcome = try await harness.services.results.submit(
            [try harness.item("R-1", "850211234", "negative")], by: ServiceHarness.lab)
        let certificates = harness.services.certificates
        let id = try #require(outcome.first?.certificateId)
        #expect(try await certificates.revocationList().isEmpty)

        let revoked = try await certificates.revoke(
            id: id, reason: "  issued in error  ", by: harness.operatorPrincipal)
        #expect(revoked.revocationReason == "issued in error" && revoked.revokedAt == harness.clock.wallClock.now())
        let list = try await certificates.revocationList()
        #expect(Set(list.batches.map(\.hashType)) == Set(RevocationHashType.allCases))
        #expect(list.batches.allSatisfy { $0.country == "BH" && $0.hashes.count == 1 })
        let verified = try await harness.verify(revoked.hc1)
        #expect(!verified.isValid && verified.error?.code == .revoked && verified.checks.revocation == false)
        let reparsed = try RevocationList(jsonData: Array(try list.jsonData()))
        #expect(reparsed.batches == list.batches)

        let again = await #expect(throws: ServiceError.self) {
            try await certificates.revoke(id: id, reason: "twice", by: harness.operatorPrincipal)
        }
        #expect(again?.code == .alreadyRevoked)
        let blank = await #expect(throws: ServiceError.self) {
            try await certificates.revoke(id: id, reason: " ", by: harness.operatorPrincipal)
        }
        #expect(blank?.code == .invalidReason)
        let entries = try await harness.services.audit.latest(limit: 5)
        #expect(entries.contains { $0.action == "certificate.revoke" && $0.subject == "certificate:\(id)" })
        #expect(try await certificates.certificates(for: harness.operatorPrincipal, personID: person.id).count == 1)
    }

    /// A check as of a past instant reads the revocations as they stood then: a certificate revoked before it
    /// expired stays revoked for that instant, though the list of today leaves it out, expired. And the text is
    /// read as scanned, a line ending after it too.
    @Test(arguments: StorageBackend.allCases) func aCheckAsOfAnEarlierTimeSeesARevocationSinceExpired(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        let issuedAt = harness.clock.wallClock.now()
        let outcome = try await harness.services.results.submit(
            [try harness.item("R-1", "850211234", "negative")], by: ServiceHarness.lab)
        let certificates = harness.services.certificates
        let id = try #require(outcome.first?.certificateId)
        let hc1 = try await certificates.certificate(id: id, for: harness.operatorPrincipal).hc1
        #expect(try await certificates.verify(hc1 + "\n", at: nil).checks.revocation == true)
        harness.clock.advance(seconds: 3600)
        _ = try await certificates.revoke(id: id, reason: "issued in error", by: harness.operatorPrincipal)
        harness.clock.advance(seconds: 4 * 86_400)
        #expect(try await certificates.revocationList().isEmpty, "expired since, so today's list leaves it out")
        let then = issuedAt.adding(seconds: 2 * 3600).foundationDate
        let checked = try await certificates.verify(hc1, at: then)
        #expect(checked.error?.code == .revoked && checked.checks.revocation == false)
        #expect(try await certificates.revocationList(at: then).batches.allSatisfy { $0.hashes.count == 1 })
    }

    @Test(arguments: StorageBackend.allCases) func citizensReadOnlyTheirOwnCertificatesAndTheirPayloads(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        let stranger = try await harness.citizen("910112345", phone: "+97336005678")
        let outcome = try await harness.services.results.submit(
            [try harness.item("O-1", "900112345", "negative")], by: ServiceHarness.lab)
        let id = try #require(outcome.first?.certificateId)
        let certificates = harness.services.certificates
        let own = try await certificates.certificate(id: id, for: citizen)
        let payload = try certificates.payload(of: own)
        #expect(payload["dob"]?.stringValue == "1990-05-17" && payload["t"] != nil)
        let hidden = await #expect(throws: ServiceError.self) {
            try await certificates.certificate(id: id, for: stranger)
        }
        #expect(hidden?.code == .certificateNotFound)
        #expect(try await certificates.certificates(for: stranger, personID: nil).isEmpty)
        let trust = try TrustList(gatewayJSON: Array(try await certificates.trustList().json))
        #expect(trust.signers.count == 1)
    }

    @Test func theSignerKeysOfADataDirectoryAreCreatedOnceAndKept() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authority-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try CertificateAuthority.load(.directory(directory.path), identity: .init())
        let second = try CertificateAuthority.load(.directory(directory.path), identity: .init(country: "AE"))
        #expect(first.country == "BH" && second.country == "BH")
        #expect(first.ring.signers.map(\.keyID) == second.ring.signers.map(\.keyID))
        let mode =
            try FileManager.default.attributesOfItem(atPath: directory.path + "/keys/dsc.key.pem")[
                .posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    /// Revocations of one certificate at once: one revokes it, with one audit entry; the others are told it is
    /// revoked already, never answered done with nothing changed.
    @Test(arguments: StorageBackend.allCases) func concurrentRevocationsRevokeOnceAndAuditOnce(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211235")
        let outcome = try await harness.services.results.submit(
            [try harness.item("R-2", "850211235", "negative")], by: ServiceHarness.lab)
        let id = try #require(outcome.first?.certificateId)
        let certificates = harness.services.certificates
        let staff = harness.operatorPrincipal
        let outcomes = await raceOutcomes(10) { index in
            _ = try await certificates.revoke(id: id, reason: "race \(index)", by: staff)
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .alreadyRevoked })
        _ = try await harness.services.audit.seal()
        let entries = try await harness.storage.count(
            "SELECT count(*) FROM audit_log WHERE action = 'certificate.revoke' AND subject = $1", "certificate:\(id)")
        #expect(entries == 1)
    }
}
