import Foundation
import TestSupport
import Testing

/// End-to-end `healthctl exposure ...` and `healthctl bench exposure` runs of the built binary.
@Suite struct ExposureCommandTests {
    /// A throwaway P-256 key made for these tests only.
    static let signingKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9gT3rP6Z+SUpmeaG
        GpI2pWCVbiH0OU1WiBdtju+D0F6hRANCAAQStBwWNs/YU36+5SmnU4gxdJgqHeJ6
        yVd1ZuDOXjXHtk112/61djUAmrU5rXgrBARwuBXvJOknqa8a1YYNb1bv
        -----END PRIVATE KEY-----

        """
    static let publicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEErQcFjbP2FN+vuUpp1OIMXSYKh3i
        eslXdWbgzl41x7ZNddv+tXY1AJq1Oa14KwQEcLgV7yTpJ6mvGtWGDW9W7w==
        -----END PUBLIC KEY-----

        """
    static let tek = "75c734c6dd1a782de7a965da5eb93125"
    static let tekBase64 = "dcc0xt0aeC3nqWXaXrkxJQ=="
    static let day: UInt32 = 2_642_976

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func write(_ text: String, to directory: URL, as name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func deriveReproducesTheSpecVectorAndTheReferenceChecker() async throws {
        let run = try await HealthCtlProcess.run([
            "exposure", "derive", "--tek", Self.tek, "--interval", "2642976", "--json",
        ])
        #expect(run.status == 0)
        let ours = try Self.json(run.standardOutput)
        #expect(ours["rpi"] as? String == "8be6cd371c5c891604bfbe49df845096")
        #expect(ours["aem"] as? String == "72033874")
        for interval in ["2642976", "2643050", "12345"] {
            let reference = try await ReferenceTools.run(
                "gaen_ref.py", ["--tek", Self.tek, "--interval", interval, "--metadata", "40f60000"])
            let expected = try Self.json(reference.text)
            let derived = try await HealthCtlProcess.run(
                ["exposure", "derive", "--tek", Self.tek, "--interval", interval, "--metadata", "40f60000", "--json"])
            let got = try Self.json(derived.standardOutput)
            for field in ["rpik", "rpi", "aemk", "aem"] {
                #expect(got[field] as? String == expected[field] as? String, "\(field) at \(interval)")
            }
        }
    }

    @Test func deriveRejectsABadKey() async throws {
        let run = try await HealthCtlProcess.run(["exposure", "derive", "--tek", "abcd", "--interval", "1"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("invalid-key-length"))
    }

    @Test func exportThenInspectVerifiesAndWrongKeyFails() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = try Self.write(
            #"[{"key": "\#(Self.tekBase64)", "rollingStartIntervalNumber": \#(Self.day), "rollingPeriod": 144, "reportType": 1, "daysSinceOnsetOfSymptoms": 1}]"#,
            to: directory, as: "keys.json")
        let signing = try Self.write(Self.signingKeyPEM, to: directory, as: "signing.pem")
        let publicKey = try Self.write(Self.publicKeyPEM, to: directory, as: "public.pem")
        let out = directory.appendingPathComponent("export.zip").path
        let export = try await HealthCtlProcess.run(
            [
                "exposure", "export", "--keys", keys, "--signing-key", signing, "--out", out, "--region", "BH",
                "--key-id", "426", "--key-version", "v2",
            ])
        #expect(export.status == 0, "\(export.standardError)")
        let inspect = try await HealthCtlProcess.run(["exposure", "inspect", out, "--public-key", publicKey, "--json"])
        #expect(inspect.status == 0)
        let object = try Self.json(inspect.standardOutput)
        #expect(object["signatureVerified"] as? Bool == true)
        #expect(object["region"] as? String == "BH")
        #expect(object["keyCount"] as? Int == 1)
        let signature = try #require((object["signatures"] as? [[String: Any]])?.first)
        #expect(signature["verificationKeyID"] as? String == "426")
        #expect(signature["verificationKeyVersion"] as? String == "v2")

        let wrong = try Self.write(
            try String(contentsOf: try ReferenceTools.gaen("ens-server-example/public.pem"), encoding: .utf8),
            to: directory, as: "wrong.pem")
        let mismatch = try await HealthCtlProcess.run(["exposure", "inspect", out, "--public-key", wrong])
        #expect(mismatch.status == 1)
        #expect(mismatch.standardError.contains("signature-mismatch"))
        #expect(mismatch.standardOutput.contains("signature verified: NO"))
    }

    @Test func inspectReadsTheGoogleSample() async throws {
        let zip = try ReferenceTools.gaen("google-internals-sample/sample_diagnosis_key_file.zip").path
        let pem = try ReferenceTools.gaen("google-internals-sample/public-310-v1.pem").path
        let run = try await HealthCtlProcess.run(["exposure", "inspect", zip, "--public-key", pem])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("keys: 140"))
        #expect(run.standardOutput.contains("signature verified: yes"))
        let unsigned = try await HealthCtlProcess.run(["exposure", "inspect", pem])
        #expect(unsigned.status == 1)
        #expect(unsigned.standardError.contains("invalid-archive"))
    }

    @Test func matchFindsThePlantedSightingFromJSONAndFromAnExport() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let derive = try await HealthCtlProcess.run(
            [
                "exposure", "derive", "--tek", Self.tek, "--interval", String(Self.day + 60), "--metadata", "40f60000",
                "--json",
            ])
        let derived = try Self.json(derive.standardOutput)
        let rpi = try #require(derived["rpi"] as? String)
        let aem = try #require(derived["aem"] as? String)
        let time = Int(Self.day + 60) * 600 + 100
        let sightings = try Self.write(
            #"[{"rpi": "\#(rpi)", "aem": "\#(aem)", "time": \#(time), "rssi": -60}, {"rpi": "\#(String(repeating: "0", count: 32))", "aem": "00000000", "time": \#(time), "rssi": -70}]"#,
            to: directory, as: "sightings.json")
        let keys = try Self.write(
            #"[{"key": "\#(Self.tekBase64)", "rollingStartIntervalNumber": \#(Self.day), "rollingPeriod": 144, "reportType": 1, "daysSinceOnsetOfSymptoms": 0}]"#,
            to: directory, as: "keys.json")
        let run = try await HealthCtlProcess.run([
            "exposure", "match", "--keys", keys, "--sightings", sightings, "--json",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let trimmed = run.standardOutput.drop { $0 == "{" || $0.isWhitespace }
        #expect(trimmed.hasPrefix("\"matchedKeys\""))
        let report = try Self.json(run.standardOutput)
        #expect(report["matchedKeys"] as? Int == 1)
        #expect(report["matchedSightings"] as? Int == 1)
        let window = try #require((report["windows"] as? [[String: Any]])?.first)
        #expect(window["minimumAttenuation"] as? Int == 50)
        #expect(window["score"] as? Double == 5)

        let zip = directory.appendingPathComponent("export.zip").path
        let signing = try Self.write(Self.signingKeyPEM, to: directory, as: "signing.pem")
        #expect(
            try await HealthCtlProcess.run([
                "exposure", "export", "--keys", keys, "--signing-key", signing, "--out", zip,
            ])
            .status == 0)
        let config = try Self.write(#"{"minimumWindowScore": 10}"#, to: directory, as: "config.json")
        let fromZip = try await HealthCtlProcess.run([
            "exposure", "match", "--keys", zip, "--sightings", sightings, "--config", config,
        ])
        #expect(fromZip.status == 0)
        #expect(fromZip.standardOutput.contains("matched keys: 1, matched sightings: 1"))
        #expect(fromZip.standardOutput.contains("(below minimum)"))
    }

    @Test func matchRejectsBadInputWithItsCode() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = try Self.write(
            #"[{"key": "\#(Self.tekBase64)", "rollingStartIntervalNumber": \#(Self.day), "rollingPeriod": 200}]"#,
            to: directory, as: "keys.json")
        let sightings = try Self.write(
            #"[{"rpi": "00", "aem": "00000000", "time": 0, "rssi": -60}]"#, to: directory, as: "s.json")
        let badKeys = try await HealthCtlProcess.run(["exposure", "match", "--keys", keys, "--sightings", sightings])
        #expect(badKeys.status == 1)
        #expect(
            badKeys.standardError.contains("invalid-rolling-period") || badKeys.standardError.contains("invalid-rpi"))
        let missing = try await HealthCtlProcess.run([
            "exposure", "match", "--keys", "/nonexistent", "--sightings", sightings,
        ])
        #expect(missing.status == 3 && missing.standardError.hasPrefix("healthctl: file-unreadable: --keys "))
    }

    @Test func benchFindsEveryPlantedMatch() async throws {
        let run = try await HealthCtlProcess.run(
            ["bench", "exposure", "--keys", "3000", "--sightings", "2000", "--threads", "2", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try Self.json(run.standardOutput)
        #expect(object["planted"] as? Int == 100)
        #expect((object["matches"] as? Int ?? 0) >= 100)
        #expect(object["threads"] as? Int == 2)
        for key in ["keysPerSecond", "keysPerCPUSecond", "derivationKeysPerCPUSecond", "aesKeysPerCPUSecond"] {
            #expect((object[key] as? Int ?? 0) > 0, "\(key)")
        }
    }
}
