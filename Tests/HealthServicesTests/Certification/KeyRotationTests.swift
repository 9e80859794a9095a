import Certificates
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// Rotating the document signer while the server runs: what was signed before keeps verifying, what is signed
/// after carries the new kid, and once the old DSC has expired, what it signed is answered `expired`.
@Suite struct KeyRotationTests {
    @Test(arguments: StorageBackend.allCases) func aRotatedSignerKeepsOldCertificatesValidUntilItExpires(
        backend: StorageBackend
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(backend, keys: .directory(directory.path), clock: .now())
        let services = harness.services
        _ = try await harness.person("850211234")
        let before = try #require(
            try await services.results.submit(
                [try harness.item("S-1", "850211234", "negative")], by: ServiceHarness.lab
            )
            .first?.certificateId)
        let oldKid = try #require(services.certificates.authority.ring.signers.first?.keyID)

        let rotated = try await services.certificates.rotateDocumentSigner(
            validDays: 1_000, from: nil, by: harness.operatorPrincipal)
        #expect(rotated.number == 2 && rotated.keyID != oldKid)
        _ = try await harness.person("850211235")
        let after = try #require(
            try await services.results.submit(
                [try harness.item("S-2", "850211235", "negative")], by: ServiceHarness.lab
            )
            .first?.certificateId)
        let audit = try await services.audit.latest(limit: 5)
        #expect(audit.contains { $0.action == "keys.rotate" && $0.subject == "dsc:\(rotated.keyID)" })

        let verifier = try await services.access.issueStaffToken(
            role: .verifier, name: "border-1", validForMinutes: 60, by: harness.operatorPrincipal
        ).secret
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            #expect(try await Self.trustListKids(client) == [oldKid, rotated.keyID])
            for (id, kid) in [(before, oldKid), (after, rotated.keyID)] {
                let hc1 = try await services.certificates.certificate(id: id, for: harness.operatorPrincipal).hc1
                let verdict = try await Self.verify(hc1, client: client, token: verifier)
                #expect(verdict["valid"] as? Bool == true, "\(kid)")
                #expect(verdict["kid"] as? String == kid)
            }
        }

        // Two years on, DSC 1 has expired, and with it every certificate it signed: it stays in the list, so a
        // check answers `expired` rather than an unknown signer. The certificate is still read back for its
        // holder's records.
        harness.clock.advance(seconds: 731 * 86_400)
        let laterVerifier = try await services.access.issueStaffToken(
            role: .verifier, name: "border-1", validForMinutes: 60, by: harness.operatorPrincipal
        ).secret
        try await app.test(.router) { client in
            #expect(try await Self.trustListKids(client) == [oldKid, rotated.keyID])
            let hc1 = try await services.certificates.certificate(id: before, for: harness.operatorPrincipal).hc1
            let verdict = try await Self.verify(hc1, client: client, token: laterVerifier)
            #expect(verdict["valid"] as? Bool == false && verdict["error"] as? String == "expired")
        }
        let old = try await services.certificates.certificate(id: before, for: harness.operatorPrincipal)
        #expect(try services.certificates.payload(of: old)["t"] != nil)
        let states = services.certificates.authority.ring.states(at: harness.clock.date).map(\.state.name)
        #expect(states == ["retired", "active"])
        withExtendedLifetime(harness) {}
    }

    @Test func aWithdrawnSignerStopsSigningAndWhatItSignedNoLongerVerifies() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("withdraw-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(keys: .directory(directory.path), clock: .now())
        let certificates = harness.services.certificates
        let leaked = try #require(certificates.authority.ring.signers.first?.keyID)
        await #expect(throws: ServiceError(.lastDocumentSigner, "")) {
            _ = try await certificates.withdrawDocumentSigner(keyID: leaked, by: harness.operatorPrincipal)
        }
        _ = try await harness.person("850211234")
        let hc1 = try await Self.negativeTestCertificate("S-1", in: harness)
        let successor = try await certificates.rotateDocumentSigner(
            validDays: 365, from: nil, by: harness.operatorPrincipal)
        // Our own DSCs back from the gateway's download: an import must not bring a withdrawn one back.
        _ = try await harness.services.borderLists.importTrustList(
            try TrustListImport(data: Array(try await certificates.trustList().json)), source: "gateway",
            by: harness.operatorPrincipal)

        let withdrawn = try await certificates.withdrawDocumentSigner(keyID: leaked, by: harness.operatorPrincipal)
        #expect(withdrawn.number == 1)
        #expect(try await harness.verify(hc1).error?.code == .unknownKid)
        let published = try TrustList(gatewayJSON: Array(try await certificates.trustList().json))
        #expect(published.signers.map { Data($0.keyID).base64EncodedString() } == [successor.keyID])
        await #expect(throws: ServiceError(.alreadyWithdrawn, "")) {
            _ = try await certificates.withdrawDocumentSigner(keyID: leaked, by: harness.operatorPrincipal)
        }
        await #expect(throws: ServiceError(.documentSignerNotFound, "")) {
            _ = try await certificates.withdrawDocumentSigner(keyID: "AAAAAAAAAAA=", by: harness.operatorPrincipal)
        }
        let audit = try await harness.services.audit.latest(limit: 5)
        #expect(audit.contains { $0.action == "keys.withdraw" && $0.subject == "dsc:\(leaked)" })
    }

    /// The runbook's last step after a leak destroys the withdrawn DSC's key: the keys still load, at once and after a
    /// restart, the successor signs, and the withdrawn DSC still keeps what it signed unknown.
    @Test func aWithdrawnSignersKeyCanBeDestroyed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("destroy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(keys: .directory(directory.path), clock: .now())
        let certificates = harness.services.certificates
        let leaked = try #require(certificates.authority.ring.signers.first?.keyID)
        _ = try await harness.person("850211234")
        let hc1 = try await Self.negativeTestCertificate("S-1", in: harness)
        _ = try await certificates.rotateDocumentSigner(validDays: 365, from: nil, by: harness.operatorPrincipal)
        _ = try await certificates.withdrawDocumentSigner(keyID: leaked, by: harness.operatorPrincipal)

        try FileManager.default.removeItem(at: directory.appendingPathComponent("keys/dsc.key.pem"))
        let newHC1 = try await Self.negativeTestCertificate("S-2", in: harness)
        #expect(try await harness.verify(newHC1).error == nil)
        #expect(try await harness.verify(hc1).error?.code == .unknownKid)
        let restarted = try await ServiceHarness(keys: .directory(directory.path), clock: .now())
        let ring = restarted.services.certificates.authority.ring
        #expect(ring.states(at: restarted.clock.date).map(\.state.name) == ["withdrawn", "active"])
        #expect(ring.signers.first?.issuer == nil)
    }

    @Test func aRefusedRotationLeavesNoKeyBehind() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(keys: .directory(directory.path), clock: .now())
        let keys = directory.appendingPathComponent("keys")
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: keys.path).sorted()
        await #expect(throws: ServiceError.self) {
            _ = try await harness.services.certificates.rotateDocumentSigner(
                validDays: 30, from: Timestamp(secondsSinceEpoch: 0), by: harness.operatorPrincipal)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: keys.path).sorted() == filesBefore)
        let memory = try await ServiceHarness()
        await #expect(throws: ServiceError(.keysInMemory, "")) {
            _ = try await memory.services.certificates.rotateDocumentSigner(
                validDays: 30, from: nil, by: memory.operatorPrincipal)
        }
    }

    /// The HC1 of the test certificate a negative PCR of 850211234 (registered already), sample `sampleID`, gives.
    private static func negativeTestCertificate(_ sampleID: String, in harness: ServiceHarness) async throws -> String {
        let certificateID = try #require(
            try await harness.services.results.submit(
                [try harness.item(sampleID, "850211234", "negative")], by: ServiceHarness.lab
            ).first?.certificateId)
        return try await harness.services.certificates.certificate(id: certificateID, for: harness.operatorPrincipal)
            .hc1
    }

    private static func trustListKids(_ client: any TestClientProtocol) async throws -> [String] {
        try await client.execute(uri: "/v1/trust-list", method: .get) { response in
            let list = try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
            return list.compactMap { $0["kid"] as? String }
        }
    }

    private static func verify(_ hc1: String, client: any TestClientProtocol, token: String) async throws
        -> [String: Any]
    {
        try await client.execute(
            uri: "/v1/verify", method: .post,
            headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
            body: ByteBuffer(string: #"{"hc1":"\#(hc1)"}"#)
        ) { response in
            try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        }
    }
}
