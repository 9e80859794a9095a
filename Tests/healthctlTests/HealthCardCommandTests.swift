import Foundation
import TestSupport
import Testing

/// SMART Health Cards at the operator's desk: the spec's example issuer imported into a data directory as a
/// directory snapshot or as its JWKS, `cert verify` of the official example cards against it, and removal.
@Suite struct HealthCardCommandTests {
    static let issuer = "https://spec.smarthealth.cards/examples/issuer"

    static func fixture(_ name: String) throws -> URL { try ReferenceTools.file("Tests/Fixtures/shc/\(name)") }

    static func qrTexts(_ number: String) throws -> [String] {
        let folder = try ReferenceTools.file("Tests/Fixtures/shc")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("example-\(number)-f-qr-code-numeric-value-") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The spec's example issuer as a directory snapshot, with its keys and revocation list.
    static func snapshot(in directory: URL) throws -> URL {
        let keys = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture("issuer/.well-known/jwks.json")))
        let crl = try JSONSerialization.jsonObject(
            with: Data(contentsOf: fixture("issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json")))
        let snapshot: [String: Any] = [
            "directory": ["participating_issuers": [["iss": issuer, "name": "SMART examples"]]],
            "keys": [issuer: keys], "crls": [issuer: [crl]],
        ]
        let file = directory.appendingPathComponent("vci-snapshot.json")
        try JSONSerialization.data(withJSONObject: snapshot).write(to: file)
        return file
    }

    static func verify(_ arguments: [String], input: String) async throws -> (status: Int32, object: [String: Any]) {
        let result = try await HealthCtlProcess.run(["cert", "verify", "--json"] + arguments, input: input)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return (result.status, try #require(object, "\(result.standardError)"))
    }

    @Test func exampleCardsVerifyAgainstAnImportedIssuer() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try await HealthCtlProcess.run(["keys", "init", "--data", data, "--country", "BH"]).status == 0)
        let stored = ["--data", data]
        let first = try Self.qrTexts("00")[0]

        let unknown = try await Self.verify(stored, input: first)
        #expect(unknown.status == 1 && unknown.object["error"] as? String == "unknown-issuer")

        let imported = try await HealthCtlProcess.run([
            "trust", "import", "--data", data, "--source", "vci", try Self.snapshot(in: directory).path, "--json",
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let outcome = try JSONSerialization.jsonObject(with: Data(imported.standardOutput.utf8)) as? [String: Any]
        #expect(outcome?["healthCardIssuers"] as? Int == 1)

        let valid = try await Self.verify(stored, input: first)
        #expect(valid.status == 0 && valid.object["verdict"] as? String == "valid", "\(valid.object)")
        #expect(valid.object["format"] as? String == "shc" && valid.object["issuerName"] as? String == "SMART examples")
        let chunks = try await Self.verify(stored, input: try Self.qrTexts("02").reversed().joined(separator: "\n"))
        #expect(chunks.object["valid"] as? Bool == true, "\(chunks.object)")
        #expect(chunks.object["verdict"] as? String == "not-valid-for-entry", "a lab report: no vaccination or test")
        let revoked = try await Self.verify(stored, input: try Self.qrTexts("03")[0])
        #expect(revoked.object["error"] as? String == "revoked")

        var jws = Array(
            try String(contentsOf: Self.fixture("example-00-d-jws.txt"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        jws[jws.count - 5] = jws[jws.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let numeric = "shc:/" + jws.map { String(format: "%02d", Int($0) - 45) }.joined()
        let tampered = try await Self.verify(stored, input: numeric)
        #expect(tampered.object["error"] as? String == "signature-invalid")

        let human = try await HealthCtlProcess.run(["cert", "verify", "--data", data, first])
        #expect(human.status == 0 && human.standardOutput.hasPrefix("VALID SMART Health Card (vaccination)"))
        #expect(human.standardOutput.contains("Anyperson, John B."))

        let offline = try await Self.verify(
            ["--health-card-issuers", try Self.snapshot(in: directory).path], input: try Self.qrTexts("03")[0])
        #expect(offline.object["error"] as? String == "revoked")

        let removed = try await HealthCtlProcess.run(["trust", "remove", "--data", data, "--source", "vci"])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(try await Self.verify(stored, input: first).object["error"] as? String == "unknown-issuer")

        let jwks = try await HealthCtlProcess.run([
            "trust", "import", "--data", data, "--source", "spec-jwks", "--issuer", Self.issuer,
            try Self.fixture("issuer/.well-known/jwks.json").path,
        ])
        #expect(jwks.status == 0, "\(jwks.standardError)")
        let fromJWKS = try await Self.verify(stored, input: first)
        #expect(fromJWKS.object["verdict"] as? String == "valid")
        #expect(fromJWKS.object["issuerName"] as? String == Self.issuer, "named by its URL without --name")

        let rotated = try await HealthCtlProcess.run(["keys", "rotate-health-card", "--data", data, "--json"])
        let key = try JSONSerialization.jsonObject(with: Data(rotated.standardOutput.utf8)) as? [String: Any]
        #expect(rotated.status == 0 && key?["number"] as? Int == 2, "\(rotated.standardError)")
        let keys = try String(
            contentsOf: URL(fileURLWithPath: data).appendingPathComponent("keys/shc/es256-2.key.pem"), encoding: .utf8)
        #expect(keys.contains("PRIVATE KEY"))

        let audit = try await HealthCtlProcess.run(["audit", "verify", "--data", data])
        #expect(audit.status == 0, "\(audit.standardOutput) \(audit.standardError)")
    }
}
