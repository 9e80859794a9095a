import ContactTracing
import CryptoCore
import Foundation
import HealthSQLite
import PostgresNIO
import Testing

@testable import HealthServices

/// Rotating the key server's keys: exports carry a signature by the new export key and the one before it, new
/// verification certificates the new certificate key's kid; each rotation is audited.
@Suite struct ExposureKeyRotationTests {
    @Test func afterRotationsExportsAreSignedByTheTwoNewestKeysAndCertificatesByTheNewest() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaen-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ExposureKeyStore(dataDirectory: directory)
        try store.initializeIfAbsent()
        let setup = try await ServiceHarness(keys: .directory(directory.path))
        #expect(setup.services.exposureKeys.exportKeys.map(\.version) == ["v1"])
        let rotation = ExposureKeyService(
            store: setup.services.stores.records, keys: store, clock: setup.clock.wallClock)
        #expect(try await rotation.rotate(.export, by: setup.operatorPrincipal) == "v2")
        #expect(try await rotation.rotate(.export, by: setup.operatorPrincipal) == "v3")
        #expect(try await rotation.rotate(.certificate, by: setup.operatorPrincipal) == "v2")
        let audit = try await setup.services.audit.latest(limit: 3).map { "\($0.subject) \($0.details)" }
        #expect(audit.count == 3 && audit.allSatisfy { $0.hasPrefix("exposure-key:") })

        // The running services take the rotated keys up (checked at every use here, every 10 seconds in a server).
        let fixture = KeyServerFixture(harness: setup)
        let ring = try store.load()
        let phone = TestPhone(days: 1...1, now: fixture.now)
        let certificate = try await fixture.certificate(for: phone)
        let header = try #require(certificate.split(separator: ".").first.flatMap { Self.base64URL(String($0)) })
        #expect(String(decoding: header, as: UTF8.self).contains(#""kid":"v2""#))
        let body = phone.publishBody(certificate: certificate, revisionToken: nil)
        _ = try await fixture.uploads.publish(try JSONDecoder().decode(PublishRequest.self, from: Data(body.utf8)))

        let exports = fixture.harness.services.exposureExports
        let run = try await exports.run(at: fixture.harness.clock.wallClock.now().adding(seconds: 2 * 86_400))
        let name = try #require(run.batchesWritten.first)
        let export = try SignedExport(zipData: Data(try #require(try await exports.file(named: name)).contents))
        #expect(export.export.signatureInfos.map(\.verificationKeyVersion) == ["v3", "v2"])
        for key in ring.exportKeys {
            let verifies = (try? export.verify(with: key.privateKey.publicKey)) != nil
            #expect(verifies == (key.version != "v1"), "\(key.version)")
        }
    }

    @Test func aRotationWhoseAuditFailsLeavesNoKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaen-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ExposureKeyStore(dataDirectory: directory)
        try store.initializeIfAbsent()
        let harness = try await ServiceHarness()
        try await harness.storage.execute(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'down'); END")
        let rotation = ExposureKeyService(
            store: harness.services.stores.records, keys: store, clock: harness.clock.wallClock)
        await #expect(throws: (any Error).self) {
            _ = try await rotation.rotate(.export, by: harness.operatorPrincipal)
        }
        #expect(try store.load().exportKeys.map(\.version) == ["v1"])
    }

    /// A rotated key is in use only once its audit entry is written: while the audit waits (PostgreSQL holding the
    /// audit table), no server reading the folder sees the new key, and nothing is left pending after.
    @Test func aRotatedKeyIsNotInUseBeforeItsAuditEntry() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaen-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ExposureKeyStore(dataDirectory: directory)
        try store.initializeIfAbsent()
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let rotation = ExposureKeyService(
            store: harness.services.stores.records, keys: store, clock: harness.clock.wallClock)

        let rotating = try await database.holding("LOCK TABLE audit_pending IN ACCESS EXCLUSIVE MODE") {
            let rotating = Task { try await rotation.rotate(.export, by: harness.operatorPrincipal) }
            let queued = try await database.waitUntilWaiting(1)
            #expect(queued, "the audit waits")
            let inUse = try store.load().exportKeys.map(\.version)
            #expect(inUse == ["v1"])
            return rotating
        }
        #expect(try await rotating.value == "v2")
        #expect(try store.load().exportKeys.map(\.version) == ["v1", "v2"])
        let folder = directory.appendingPathComponent("keys/exposure")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pending") }.isEmpty
        )
    }

    static func base64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
