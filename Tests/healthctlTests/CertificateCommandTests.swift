import Foundation
import TestSupport
import Testing

/// `healthctl keys`, `trust`, `cert` and `bench certificates`, run as the built binary, against their contract.
@Suite struct CertificateCommandTests {
    static let payload = """
        {"ver":"1.3.0","nam":{"fn":"Al-Haddad","gn":"Yusuf"},"dob":"1979-04-14",
         "v":[{"tg":"840539006","vp":"J07BX03","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,"sd":2,
               "dt":"2021-08-20","co":"BH","is":"Ministry of Health"}]}
        """

    /// A data directory with keys, a trust list and one issued certificate.
    struct Issued {
        let directory: URL
        let data: String
        let trust: String
        let hc1: String

        init() async throws {
            directory = try HealthCtlProcess.temporaryDirectory()
            data = directory.appendingPathComponent("data").path
            trust = directory.appendingPathComponent("trust.json").path
            let payloadFile = directory.appendingPathComponent("payload.json")
            try Data(CertificateCommandTests.payload.utf8).write(to: payloadFile)
            let keys = try await HealthCtlProcess.run(["keys", "init", "--data", data, "--country", "BH"])
            guard keys.status == 0 else { throw CocoaError(.fileWriteUnknown) }
            _ = try await HealthCtlProcess.run(["trust", "export", "--data", data, "--out", trust])
            let issued = try await HealthCtlProcess.run([
                "cert", "issue", "--data", data, "--payload", payloadFile.path, "--validity-days", "30",
            ])
            hc1 = issued.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test func issuingAPayloadIsAuditedWithItsUVCIAndNothingOfThePerson() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        #expect(issued.hc1.hasPrefix("HC1:"))
        let audit = try await HealthCtlProcess.run(["audit", "list", "--data", issued.data, "--json"]).standardOutput
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first { $0["action"] as? String == "certificate.issue-payload" })
        #expect((entry["subject"] as? String)?.hasPrefix("certificate:URN:UVCI:") == true)
        for personal in ["Al-Haddad", "Yusuf", "1979-04-14"] { #expect(!audit.contains(personal), "\(personal)") }
    }

    @Test func keysInitWritesPrivateKeysOnceOnly() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let keyFile = issued.data + "/keys/dsc.key.pem"
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        let again = try await HealthCtlProcess.run(["keys", "init", "--data", issued.data])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exist"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == before)
    }

    @Test func trustExportWritesAGatewayList() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let list =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: issued.trust)))
            as? [[String: Any]]
        #expect(list?.count == 1)
        #expect(list?.first?["certificateType"] as? String == "DSC")
        #expect(list?.first?["country"] as? String == "BH")
        #expect((list?.first?["kid"] as? String).flatMap { Data(base64Encoded: $0) }?.count == 8)
        let stdout = try await HealthCtlProcess.run(["trust", "export", "--data", issued.data])
        #expect(stdout.status == 0 && stdout.standardOutput.contains("\"rawData\""))
    }

    @Test func issuedCertificateVerifiesWithTheContractJSON() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        #expect(issued.hc1.hasPrefix("HC1:"))
        let result = try await HealthCtlProcess.run(["cert", "verify", "--trust", issued.trust, "--json", issued.hc1])
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "valid", "verdict", "error", "checks", "kid", "country", "type", "issuedAt", "expiresAt", "payload",
                "rules",
            ])
        #expect(object["valid"] as? Bool == true && object["error"] is NSNull)
        #expect(object["verdict"] as? String == "valid")
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(
            rules.compactMap { $0["identifier"] as? String } == ["VR-BH-0001", "VR-BH-0002", "VR-BH-0003"]
                && rules.allSatisfy { $0["passed"] as? Bool == true })
        #expect(object["type"] as? String == "v" && object["country"] as? String == "BH")
        let checks = try #require(object["checks"] as? [String: Any])
        #expect(checks.count == 11 && checks["revocation"] is NSNull)
        #expect(checks.filter { $0.key != "revocation" }.allSatisfy { $0.value as? Bool == true })
        let payload = try #require(object["payload"] as? [String: Any])
        #expect((payload["nam"] as? [String: Any])?["fnt"] as? String == "AL<HADDAD")
        let human = try await HealthCtlProcess.run(
            ["cert", "verify", "--trust", issued.trust], input: issued.hc1 + "\n")
        #expect(human.status == 0 && human.standardOutput.hasPrefix("VALID vaccination certificate issued by BH"))
    }

    @Test func invalidCertificatesExitOne() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(40 * 86_400))
        let expired = try await HealthCtlProcess.run(
            ["cert", "verify", "--trust", issued.trust, "--at", later, "--json", "-"], input: issued.hc1)
        #expect(expired.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(expired.standardOutput.utf8)) as? [String: Any]
        #expect(object?["error"] as? String == "expired")
        #expect((object?["checks"] as? [String: Any])?["expiry"] as? Bool == false)
        let wrongPrefix = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", issued.trust, "--json", "HC2:" + issued.hc1.dropFirst(4),
        ])
        #expect(wrongPrefix.status == 1)
        let checks =
            (try JSONSerialization.jsonObject(with: Data(wrongPrefix.standardOutput.utf8)) as? [String: Any])?["checks"]
            as? [String: Any]
        #expect(checks?["prefix"] as? Bool == false && checks?["base45"] is NSNull)
        let human = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", issued.trust, "--at", "2020-01-01T00:00:00.123456+03:00", issued.hc1,
        ])
        #expect(human.status == 1 && human.standardOutput.hasPrefix("INVALID: not-yet-valid"))
    }

    /// A gateway revocation batch holding the UCI hash (SHA-256 of the UVCI, first 16 bytes) of a certificate,
    /// the hash made by Python's hashlib from what `cert verify --json` prints.
    static func revocationBatch(kid: String, uvci: String) async throws -> String {
        let hash = try await ChildProcess(
            "python3",
            [
                "-c",
                "import base64, hashlib, sys; "
                    + "print(base64.b64encode(hashlib.sha256(sys.argv[1].encode()).digest()[:16]).decode())",
                uvci,
            ]
        ).run().text.trimmingCharacters(in: .whitespacesAndNewlines)
        return #"{"country":"BH","expires":"2030-01-01T00:00:00Z","kid":"\#(kid)","hashType":"UCI","#
            + #""entries":[{"hash":"\#(hash)"}]}"#
    }

    @Test func revocationListsAreHonoured() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let plain = try await HealthCtlProcess.run(["cert", "verify", "--trust", issued.trust, "--json", issued.hc1])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(plain.standardOutput.utf8)) as? [String: Any])
        let kid = try #require(object["kid"] as? String)
        let entry = try #require(((object["payload"] as? [String: Any])?["v"] as? [[String: Any]])?.first)
        let uvci = try #require(entry["ci"] as? String)
        let revoked = issued.directory.appendingPathComponent("revoked.json").path
        let otherKid = issued.directory.appendingPathComponent("other-kid.json").path
        let malformed = issued.directory.appendingPathComponent("malformed.json").path
        try Data(try await Self.revocationBatch(kid: kid, uvci: uvci).utf8).write(to: URL(fileURLWithPath: revoked))
        try Data("[\(try await Self.revocationBatch(kid: "AQIDBAUGBwg=", uvci: uvci))]".utf8)
            .write(to: URL(fileURLWithPath: otherKid))
        try Data(#"[{"country":"BH"}]"#.utf8).write(to: URL(fileURLWithPath: malformed))

        let rejected = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", issued.trust, "--revocation", otherKid, "--revocation", revoked, "--json",
            issued.hc1,
        ])
        #expect(rejected.status == 1)
        let rejectedObject =
            try JSONSerialization.jsonObject(with: Data(rejected.standardOutput.utf8)) as? [String: Any]
        #expect(rejectedObject?["error"] as? String == "revoked" && rejectedObject?["valid"] as? Bool == false)
        #expect((rejectedObject?["checks"] as? [String: Any])?["revocation"] as? Bool == false)

        let passed = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", issued.trust, "--revocation", otherKid, "--json", issued.hc1,
        ])
        #expect(passed.status == 0)
        let passedObject = try JSONSerialization.jsonObject(with: Data(passed.standardOutput.utf8)) as? [String: Any]
        #expect((passedObject?["checks"] as? [String: Any])?["revocation"] as? Bool == true)

        let human = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", issued.trust, "--revocation", revoked, issued.hc1,
        ])
        #expect(human.status == 1 && human.standardOutput.hasPrefix("INVALID: revoked"))
        // A malformed list is a wrong command line; one that cannot be read, a file that failed.
        for (path, status) in [(malformed, 2), (issued.directory.appendingPathComponent("absent.json").path, 3)] {
            let refused = try await HealthCtlProcess.run([
                "cert", "verify", "--trust", issued.trust, "--revocation", path, issued.hc1,
            ])
            #expect(refused.status == status && refused.standardError.contains("--revocation"), "\(path)")
        }
    }

    @Test func usageErrorsExitTwo() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let cases: [[String]] = [
            ["cert", "verify", issued.hc1],
            ["cert", "verify", "--trust", issued.trust, "--at", "yesterday", issued.hc1],
            ["cert", "verify", "--trust", issued.trust, "--no-such-option", issued.hc1],
            ["cert", "verify", "--trust"],
        ]
        for arguments in cases {
            let result = try await HealthCtlProcess.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(result.standardError.hasPrefix("healthctl: usage: "), "\(arguments): \(result.standardError)")
        }
        // A wrong command line is told with the command's usage; a file that cannot be read is a file that failed
        // (exit 3), in one line.
        let noTrust = try await HealthCtlProcess.run(cases[0])
        #expect(noTrust.standardError.contains("Usage: healthctl cert verify"), "\(noTrust.standardError)")
        let missingFile = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", issued.directory.appendingPathComponent("missing.json").path, issued.hc1,
        ])
        #expect(missingFile.status == 3)
        #expect(
            missingFile.standardError.hasPrefix("healthctl: file-unreadable: --trust "), "\(missingFile.standardError)")
        #expect(missingFile.standardError.split(separator: "\n").count == 1, "\(missingFile.standardError)")
    }

    @Test func qrRendersTextAndSVG() async throws {
        let issued = try await Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let text = try await HealthCtlProcess.run(["cert", "qr", "--text", issued.hc1])
        #expect(text.status == 0 && text.standardOutput.contains("\u{2588}"))
        let svgFile = issued.directory.appendingPathComponent("qr.svg").path
        let svg = try await HealthCtlProcess.run(["cert", "qr", "--svg", svgFile], input: issued.hc1)
        #expect(svg.status == 0)
        #expect(try String(contentsOfFile: svgFile, encoding: .utf8).contains("<svg"))
        #expect(try await HealthCtlProcess.run(["cert", "qr", "--text", "--svg", svgFile, issued.hc1]).status == 2)
    }

    @Test func benchPrintsRatesAsJSON() async throws {
        let result = try await HealthCtlProcess.run([
            "bench", "certificates", "--seconds", "0.2", "--threads", "2", "--json",
        ])
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "verifyPerSecond", "verifyWithRulesPerSecond", "issuePerSecond", "healthCardVerifyPerSecond",
                "healthCardIssuePerSecond", "threads", "ecdsaVerifyPerSecond", "ecdsaSignPerSecond",
                "verifyShareOfECDSA", "issueShareOfECDSA",
            ])
        for key in ["verifyPerSecond", "issuePerSecond", "ecdsaVerifyPerSecond", "ecdsaSignPerSecond"] {
            #expect((object[key] as? Double ?? 0) > 0, "\(key)")
        }
        // End to end can never beat the signature operation it contains by much; a share far above 1 is a wrong sum.
        for key in ["verifyShareOfECDSA", "issueShareOfECDSA"] {
            #expect((0.05...1.5).contains(object[key] as? Double ?? 0), "\(key): \(object[key] ?? "missing")")
        }
        #expect(object["threads"] as? Int == 2)
    }
}
