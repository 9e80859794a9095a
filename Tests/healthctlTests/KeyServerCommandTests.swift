import Foundation
import TestSupport
import Testing

/// `healthctl exposure keys|codes|exports|stats` (keys trust among them) and `healthctl bench exposure-server` as operators run them.
@Suite struct KeyServerCommandTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static var today: String { String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }

    @Test func keysAreMadeOnceAndShownForTheApps() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        let created = try await HealthCtlProcess.run(["exposure", "keys", "init", "--data", data])
        #expect(
            created.status == 0
                && created.standardOutput.contains("created export, certificate and verification-code keys"))
        let again = try await HealthCtlProcess.run(["exposure", "keys", "init", "--data", data])
        #expect(again.status == 0 && again.standardOutput.contains("already exist"))

        let shown = try await Self.object(
            HealthCtlProcess.run(["exposure", "keys", "show", "--data", data, "--json"]).standardOutput)
        let exportKeys = try #require(shown["exportKeys"] as? [[String: String]])
        let certificateKeys = try #require(shown["certificateKeys"] as? [[String: String]])
        #expect(exportKeys.count == 1 && exportKeys[0]["keyId"] == "426" && exportKeys[0]["keyVersion"] == "v1")
        #expect(exportKeys[0]["publicKey"]?.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
        #expect(certificateKeys.count == 1 && certificateKeys[0]["kid"] == "v1")
        #expect(certificateKeys[0]["publicKey"] != exportKeys[0]["publicKey"])
        let mode = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("keys/exposure/export-v1.key.pem").path)[.posixPermissions]
        #expect(mode as? Int == 0o600)
    }

    @Test func anOperatorTrustsAnotherVerificationServersKeyOnceAndItIsAudited() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let privateKey = directory.appendingPathComponent("other.key.pem").path
        let publicKey = directory.appendingPathComponent("other.pub.pem").path
        let made = try await ChildProcess(
            "openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", privateKey]
        ).run()
        let exported = try await ChildProcess("openssl", ["ec", "-in", privateKey, "-pubout", "-out", publicKey]).run()
        #expect(made.status == 0 && exported.status == 0)

        let trust = ["exposure", "keys", "trust", "--data", data, "--issuer", "other.health", "--kid", "k1"]
        let trusted = try await HealthCtlProcess.run(trust + ["--pem", publicKey, "--actor", "amina"])
        #expect(
            trusted.status == 0 && trusted.standardOutput.contains("trusted the certificate key k1 of other.health"))
        let again = try await HealthCtlProcess.run(trust + ["--pem", publicKey])
        #expect(again.status == 1 && again.standardError.contains("key-already-trusted"))
        let notAKey = try await HealthCtlProcess.run(
            [
                "exposure", "keys", "trust", "--data", data, "--issuer", "other.health", "--kid", "k2", "--pem",
                privateKey,
            ])
        #expect(notAKey.status == 1 && notAKey.standardError.contains("invalid-trusted-key"))

        let shown = try await Self.object(
            HealthCtlProcess.run(["exposure", "keys", "show", "--data", data, "--json"]).standardOutput)
        let listed = try #require(shown["trustedCertificateKeys"] as? [[String: String]])
        #expect(listed.map { [$0["issuer"], $0["kid"]] } == [["other.health", "k1"]])
        #expect(shown["healthAuthorityID"] as? String == "bh.moh")
        let audit = try await HealthCtlProcess.run(["audit", "list", "--data", data, "--json", "--limit", "5"])
        #expect(audit.standardOutput.contains("exposure-issuer.trust") && audit.standardOutput.contains("amina"))
    }

    @Test func anOperatorIssuesACodeAndStatisticsHideSmallCounts() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        let issued = try await HealthCtlProcess.run([
            "exposure", "codes", "issue", "--data", data, "--test-date", Self.today, "--symptom-date", Self.today,
            "--json", "--actor", "amina",
        ])
        #expect(issued.status == 0)
        let code = try Self.object(issued.standardOutput)
        #expect((code["code"] as? String)?.count == 10 && code["expiresAt"] is String)
        let refused = try await HealthCtlProcess.run([
            "exposure", "codes", "issue", "--data", data, "--test-date", "2000-01-01",
        ])
        #expect(refused.status != 0 && refused.standardError.contains("invalid-test-date"))
        let audit = try await HealthCtlProcess.run(["audit", "list", "--data", data, "--json"]).standardOutput
        #expect(audit.contains("exposure-code.issue") && audit.contains("amina"))
        #expect(!audit.contains(code["code"] as? String ?? "-"))

        let exported = try await Self.object(
            HealthCtlProcess.run([
                "exposure", "exports", "run", "--data", data, "--at", "2026-12-04T10:00:00Z", "--json",
            ]).standardOutput)
        #expect(exported["keysExported"] as? Int == 0)
        let early = try await HealthCtlProcess.run([
            "exposure", "exports", "run", "--data", data, "--at", "2099-01-01T00:00:00Z",
        ])
        #expect(early.status == 2 && early.standardError.contains("--at must not be later than now"))

        let stats = try await #require(
            try JSONSerialization.jsonObject(
                with: Data(HealthCtlProcess.run(["exposure", "stats", "--data", data, "--json"]).standardOutput.utf8))
                as? [[String: String]])
        let day = try #require(stats.first { $0["day"] == Self.today })
        #expect(day["codesIssued"] == "<10" && day["publishes"] == "<10")
    }

    /// A small bounded run of the benchmark: every upload succeeds and every key is exported.
    @Test func theKeyServerBenchmarkUploadsAndExports() async throws {
        let run = try await HealthCtlProcess.run([
            "bench", "exposure-server", "--uploads", "24", "--phones", "4", "--json",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let result = try Self.object(run.standardOutput)
        #expect(result["failures"] as? Int == 0 && result["keysExported"] as? Int == 24 * 14)
        #expect((result["cpuMillisecondsPerUpload"] as? Double ?? 0) > 0)
    }
}
