import Certificates
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import TestSupport
import Testing

@testable import HealthAPI
@testable import HealthServices

/// A SMART Health Card comes with every certificate from a record, is served where verifiers look for it, checks
/// in `POST /v1/verify`, and is revoked with the certificate, on both backends.
@Suite struct HealthCardServiceTests {
    @Test(arguments: StorageBackend.allCases) func aCardIsIssuedVerifiedAndRevokedWithItsCertificate(
        backend: StorageBackend
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(backend, keys: .directory(directory.path), clock: .now())
        let services = harness.services
        _ = try await harness.person("850211234")
        let id = try #require(
            try await services.results.submit(
                [try harness.item("S-1", "850211234", "negative")], by: ServiceHarness.lab
            ).first?.certificateId)
        let certificate = try await services.certificates.certificate(id: id, for: harness.operatorPrincipal)
        let card = try #require(certificate.healthCard)
        let kid = try #require(HealthCard.keyID(of: card))
        let verifier = try await services.access.issueStaffToken(
            role: .verifier, name: "border-1", validForMinutes: 60, by: harness.operatorPrincipal
        ).secret
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            let keys = try await Self.json(client, "/.well-known/jwks.json")
            #expect((keys["keys"] as? [[String: Any]])?.compactMap { $0["kid"] as? String } == [kid])
            let valid = try await Self.verify(HealthCardQR.texts(of: card), client: client, token: verifier)
            #expect(valid["format"] as? String == "shc")
            #expect(valid["verdict"] as? String == "valid", "\(valid)")
            #expect(valid["issuer"] as? String == "http://127.0.0.1:8080")
            #expect((valid["payload"] as? [String: Any])?["t"] != nil)
            let issuers = try await Self.json(client, "/v1/health-card-issuers")
            #expect((issuers["issuers"] as? [[String: Any]])?.first?["iss"] as? String == "http://127.0.0.1:8080")
        }

        harness.clock.advance(seconds: 60)
        _ = try await services.certificates.revoke(id: id, reason: "lab error", by: harness.operatorPrincipal)
        try await app.test(.router) { client in
            let revoked = try await Self.verify(HealthCardQR.texts(of: card), client: client, token: verifier)
            #expect(revoked["error"] as? String == "revoked")
            #expect((revoked["checks"] as? [String: Any])?["revocation"] as? Bool == false)
            let list = try await Self.json(client, "/.well-known/crl/\(kid).json")
            #expect(list["ctr"] as? Int == 1)
            #expect((list["rids"] as? [String])?.count == 1)
            let keys = try await Self.json(client, "/.well-known/jwks.json")
            #expect((keys["keys"] as? [[String: Any]])?.first?["crlVersion"] as? Int == 1)
            try await client.execute(uri: "/.well-known/crl/unknown.json", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        withExtendedLifetime(harness) {}
    }

    /// Cards keep the `iss` they were signed under: when the public URL is set (or changed) later, the cards issued
    /// before still verify as ours, and new cards carry the new URL.
    @Test func cardsIssuedBeforeThePublicURLChangedStillVerify() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(keys: .directory(directory.path), clock: .now())
        _ = try await harness.person("850211234")
        let outcome = try await harness.services.results.submit(
            [try harness.item("S-1", "850211234", "negative")], by: ServiceHarness.lab)
        let id = try #require(outcome.first?.certificateId)
        let earlier = try #require(
            try await harness.services.certificates.certificate(id: id, for: harness.operatorPrincipal).healthCard)

        let moved = HealthServiceSet(
            stores: harness.storage.stores,
            authority: try CertificateAuthority.load(
                .directory(directory.path), identity: .init(publicURL: "https://health.example.bh"),
                keyCheckInterval: .zero),
            exposureKeys: try ExposureKeys.load(.directory(directory.path), checkInterval: .zero),
            clock: harness.clock.wallClock)
        let verified = try await moved.certificates.verify(healthCard: HealthCardQR.texts(of: earlier), at: nil)
        #expect(verified.isValid && verified.issuerURL == "http://127.0.0.1:8080", "\(verified)")
        #expect(try await moved.certificates.ownHealthCardIssuer().iss == "https://health.example.bh")
        let urls = try String(contentsOf: directory.appendingPathComponent("keys/shc/issuer-url"), encoding: .utf8)
        #expect(urls == "https://health.example.bh\nhttp://127.0.0.1:8080\n")
    }

    /// A rotated issuer key signs the cards issued after it; the older key stays published, so a card it signed keeps
    /// verifying.
    @Test func aRotatedKeySignsNewCardsAndTheOldOneStaysListed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = try await ServiceHarness(keys: .directory(directory.path), clock: .now())
        let services = harness.services
        func card(_ nationalId: String, _ sample: String) async throws -> String {
            _ = try await harness.person(nationalId)
            let id = try await services.results.submit(
                [try harness.item(sample, nationalId, "negative")], by: ServiceHarness.lab
            ).first?.certificateId
            let certificate = try await services.certificates.certificate(
                id: try #require(id), for: harness.operatorPrincipal)
            return try #require(certificate.healthCard)
        }
        let before = try await card("850211234", "S-1")
        let rotated = try await services.certificates.rotateHealthCardKey(by: harness.operatorPrincipal)
        #expect(rotated.number == 2 && rotated.kid != HealthCard.keyID(of: before))
        let after = try await card("850211235", "S-2")
        #expect(HealthCard.keyID(of: after) == rotated.kid)
        let keys = try await services.certificates.ownHealthCardIssuer().keys.compactMap(\.kid)
        #expect(keys == [try #require(HealthCard.keyID(of: before)), rotated.kid])
        for jws in [before, after] {
            let result = try await services.certificates.verify(healthCard: HealthCardQR.texts(of: jws), at: nil)
            #expect(result.isValid, "\(String(describing: result.error))")
        }
        let audit = try await services.audit.latest(limit: 3)
        #expect(audit.contains { $0.action == "keys.rotate-health-card" && $0.subject == "shc:\(rotated.kid)" })

        let inMemory = try await ServiceHarness()
        await #expect(throws: ServiceError(.keysInMemory, "")) {
            _ = try await inMemory.services.certificates.rotateHealthCardKey(by: inMemory.operatorPrincipal)
        }
        withExtendedLifetime(harness) {}
    }

    /// A corrected result revokes the card of the old state by the record's `rid` and a time, which leaves the
    /// corrected state's card, issued for the same record after it, valid.
    @Test(arguments: StorageBackend.allCases) func aCorrectionRevokesTheOldCardAndNotTheNewOne(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        _ = try await harness.person("850211234")
        let negative = try await services.results.submit(
            [try harness.item("S-9", "850211234", "negative")], by: ServiceHarness.lab)
        harness.clock.advance(seconds: 60)
        let positive = try await services.results.submit(
            [try harness.item("S-9", "850211234", "positive", hoursAgo: 0)], by: ServiceHarness.lab)
        #expect(positive[0].status == .corrected)
        func card(_ id: String?) async throws -> [String] {
            let certificate = try await services.certificates.certificate(
                id: try #require(id), for: harness.operatorPrincipal)
            return HealthCardQR.texts(of: try #require(certificate.healthCard))
        }
        let old = try await services.certificates.verify(
            healthCard: try await card(negative[0].certificateId), at: nil)
        #expect(old.error?.code == .revoked)
        let new = try await services.certificates.verify(
            healthCard: try await card(positive[0].certificateId), at: nil)
        #expect(new.isValid, "\(String(describing: new.error))")
        #expect(new.healthCertificate?.json["t"]?.firstElement?["tr"] == .string("260373001"))
        #expect(new.verdict == .notValidForEntry, "a positive test admits no one")
        #expect(
            old.healthCertificate?.json["t"]?.firstElement?["ci"]
                == new.healthCertificate?.json["t"]?.firstElement?["ci"])
        withExtendedLifetime(harness) {}
    }

    /// Corrections in the same second as the card they replace (a lab's pipeline, or one batch): each new card is
    /// valid from a second after the one before, so the revocation of the old, dated from a second after its `nbf`,
    /// leaves it valid.
    @Test(arguments: StorageBackend.allCases) func correctionsInTheSameSecondRevokeOnlyTheOldCards(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        _ = try await harness.person("850211234")
        var ids: [String] = []
        for state in ["negative", "positive", "negative"] {
            let outcome = try await services.results.submit(
                [try harness.item("S-9", "850211234", state, hoursAgo: state == "negative" ? 2 : 1)],
                by: ServiceHarness.lab)
            ids.append(try #require(outcome[0].certificateId))
        }
        for (index, id) in ids.enumerated() {
            let certificate = try await services.certificates.certificate(id: id, for: harness.operatorPrincipal)
            let card = try await services.certificates.verify(
                healthCard: HealthCardQR.texts(of: try #require(certificate.healthCard)), at: nil)
            if index == ids.count - 1 {
                #expect(card.isValid, "\(String(describing: card.error))")
            } else {
                #expect(card.error?.code == .revoked, "card \(index)")
            }
        }
        withExtendedLifetime(harness) {}
    }

    @Test(arguments: StorageBackend.allCases) func theOfficialExamplesVerifyOnceTheirIssuerIsImported(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let services = harness.services
        let folder = try ReferenceTools.file("Tests/Fixtures/shc")
        let keys = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("issuer/.well-known/jwks.json")))
        let crl = try JSONSerialization.jsonObject(
            with: Data(
                contentsOf: folder.appendingPathComponent(
                    "issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json")))
        let issuer = "https://spec.smarthealth.cards/examples/issuer"
        let snapshot = try JSONSerialization.data(withJSONObject: [
            "directory": ["participating_issuers": [["iss": issuer, "name": "SMART examples"]]],
            "keys": [issuer: keys], "crls": [issuer: [crl]],
        ])
        @Sendable func texts(_ number: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("example-\(number)-f-qr-code-numeric-value-") }.sorted()
                .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        let verifier = try await services.access.issueStaffToken(
            role: .verifier, name: "border-1", validForMinutes: 60, by: harness.operatorPrincipal
        ).secret
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            let before = try await Self.verify(try texts("00"), client: client, token: verifier)
            #expect(before["error"] as? String == "unknown-issuer")
        }
        let outcome = try await services.borderLists.importHealthCardIssuers(
            try HealthCardIssuerImport(snapshot: snapshot), source: "vci", by: harness.operatorPrincipal)
        #expect(outcome.imported == 1)
        try await app.test(.router) { client in
            for number in ["00", "01"] {
                let result = try await Self.verify(try texts(number), client: client, token: verifier)
                #expect(result["verdict"] as? String == "valid", "\(number): \(result)")
            }
            let chunked = try await Self.verify(try texts("02").shuffled(), client: client, token: verifier)
            #expect(chunked["valid"] as? Bool == true, "\(chunked)")
            let revoked = try await Self.verify(try texts("03"), client: client, token: verifier)
            #expect(revoked["error"] as? String == "revoked")
            let issuers = try await Self.json(client, "/v1/health-card-issuers")
            let listed = (issuers["issuers"] as? [[String: Any]])?.compactMap { $0["iss"] as? String }
            #expect(listed == ["http://127.0.0.1:8080", issuer])
            try await client.execute(
                uri: "/v1/verify", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(verifier)"],
                body: ByteBuffer(string: #"{"hc1":"HC1:X","shc":"shc:/56"}"#)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        withExtendedLifetime(harness) {}
    }

    private static func json(_ client: any TestClientProtocol, _ uri: String) async throws -> [String: Any] {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok)
            return try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        }
    }

    private static func verify(_ texts: [String], client: any TestClientProtocol, token: String) async throws
        -> [String: Any]
    {
        let body = try JSONSerialization.data(withJSONObject: ["shc": texts])
        return try await client.execute(
            uri: "/v1/verify", method: .post,
            headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
            body: ByteBuffer(bytes: body)
        ) { response in
            try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        }
    }
}
