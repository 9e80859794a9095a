import Foundation
import TestSupport
import Testing

/// The operator's border-check commands: trust lists, value sets and entry rules imported into a data directory,
/// `cert verify --data` against them, and the rule tools used before an import.
@Suite struct BorderCommandTests {
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A PCR payload sampled `hours` before now, tested in `country`.
    static func pcr(sampledHoursBefore hours: Double, country: String = "DE") -> String {
        let sampled = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-hours * 3600))
        return """
            {"ver":"1.3.0","nam":{"fn":"Müller","gn":"Anna"},"dob":"1985-07-01",
             "t":[{"tg":"840539006","tt":"LP6464-4","sc":"\(sampled)","tr":"260415000","tc":"Labor",
                   "co":"\(country)","is":"RKI"}]}
            """
    }

    @Test func aForeignSignerImportedIntoTheDataDirectoryIsTrustedByCertVerify() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = directory.appendingPathComponent("ours").path
        let germany = directory.appendingPathComponent("germany").path
        for (data, country) in [(ours, "BH"), (germany, "DE")] {
            #expect(try await HealthCtlProcess.run(["keys", "init", "--data", data, "--country", country]).status == 0)
        }
        let trustFile = directory.appendingPathComponent("de.json")
        let exported = try await HealthCtlProcess.run(["trust", "export", "--data", germany, "--out", trustFile.path])
        #expect(exported.status == 0)
        func issue(_ payload: String) async throws -> String {
            let file = directory.appendingPathComponent("payload-\(UUID().uuidString).json")
            try Data(payload.utf8).write(to: file)
            let issued = try await HealthCtlProcess.run(["cert", "issue", "--data", germany, "--payload", file.path])
            #expect(issued.status == 0, "\(issued.standardError)")
            return issued.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func verify(_ hc1: String) async throws -> (status: Int32, object: [String: Any]) {
            let result = try await HealthCtlProcess.run(["cert", "verify", "--data", ours, "--json", hc1])
            return (result.status, try #require(try Self.json(result.standardOutput) as? [String: Any]))
        }
        let recent = try await issue(Self.pcr(sampledHoursBefore: 60))
        #expect(try await verify(recent).object["error"] as? String == "unknown-kid")

        let imported = try await HealthCtlProcess.run([
            "trust", "import", "--data", ours, "--source", "de-gateway", trustFile.path, "--json",
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let outcome = try #require(try Self.json(imported.standardOutput) as? [String: Any])
        #expect(outcome["imported"] as? Int == 1 && outcome["source"] as? String == "de-gateway")
        let listed = try await HealthCtlProcess.run(["trust", "list", "--data", ours, "--country", "DE", "--json"])
        let signers = try #require(try Self.json(listed.standardOutput) as? [[String: Any]])
        #expect(signers.count == 1 && signers.first?["source"] as? String == "de-gateway")

        let valid = try await verify(recent)
        #expect(valid.status == 0 && valid.object["verdict"] as? String == "valid")
        let old = try await verify(try await issue(Self.pcr(sampledHoursBefore: 80)))
        #expect(old.status == 1 && old.object["verdict"] as? String == "not-valid-for-entry")
        let failed = (old.object["rules"] as? [[String: Any]])?.filter { $0["passed"] as? Bool == false }
        #expect(failed?.compactMap { $0["identifier"] as? String } == ["TR-BH-0003"])
        let human = try await HealthCtlProcess.run(["cert", "verify", "--data", ours, "--language", "ar", recent])
        #expect(human.status == 0 && human.standardOutput.hasPrefix("VALID test certificate issued by DE"))
        // No entry rules of FR are held: not "VALID" with nothing checked.
        let unchecked = try await HealthCtlProcess.run(["cert", "verify", "--data", ours, "--country", "FR", recent])
        #expect(unchecked.status == 1 && unchecked.standardError.hasPrefix("healthctl: unknown-destination: "))

        let removed = try await HealthCtlProcess.run(["trust", "remove", "--data", ours, "--source", "de-gateway"])
        #expect(removed.status == 0 && removed.standardOutput.contains("removed 1"))
        #expect(try await verify(recent).object["error"] as? String == "unknown-kid")
        let audit = try await HealthCtlProcess.run(["audit", "verify", "--data", ours])
        #expect(audit.status == 0, "\(audit.standardOutput) \(audit.standardError)")
    }

    @Test func rulesAreTestedEvaluatedImportedAndRemoved() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let fixtures = try ReferenceTools.file("Tests/Fixtures/rules/business-rules")

        let tested = try await HealthCtlProcess.run(["rules", "test", fixtures.path])
        #expect(tested.status == 0 && tested.standardOutput.contains("133 rules, 942 tests: 942 passed, 0 failed"))
        let bahrain = try await HealthCtlProcess.run([
            "rules", "test", "--json", try ReferenceTools.file("Sources/Certificates/Resources/rules/BH").path,
        ])
        let report = try #require(try Self.json(bahrain.standardOutput) as? [String: Any])
        #expect(bahrain.status == 0 && report["rules"] as? Int == 8 && (report["failures"] as? [Any])?.isEmpty == true)

        // One test of each country's first rule through `rules evaluate`, as an operator tries a rule by hand (MT's
        // rules come as <ID>/<ID>.json with no tests, so every count here leaves them out).
        for country in ["AT", "CH", "DE", "ES", "EU", "FR", "HR", "IE", "LU", "NL", "RO"] {
            let folder = fixtures.appendingPathComponent(country)
            let rule = try #require(
                try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first {
                    FileManager.default.fileExists(
                        atPath: folder.appendingPathComponent("\($0)/tests/test001.json").path)
                })
            let ruleObject = try #require(
                try Self.json(String(contentsOf: folder.appendingPathComponent("\(rule)/rule.json"), encoding: .utf8))
                    as? [String: Any])
            let testFile = folder.appendingPathComponent("\(rule)/tests/test001.json")
            let test = try #require(try Self.json(String(contentsOf: testFile, encoding: .utf8)) as? [String: Any])
            let logicFile = directory.appendingPathComponent("logic.json")
            let dataFile = directory.appendingPathComponent("data.json")
            try JSONSerialization.data(withJSONObject: ruleObject["Logic"] as Any, options: [.fragmentsAllowed])
                .write(to: logicFile)
            try JSONSerialization.data(withJSONObject: ["payload": test["payload"], "external": test["external"]])
                .write(to: dataFile)
            let evaluated = try await HealthCtlProcess.run([
                "rules", "evaluate", "--logic", logicFile.path, "--data", dataFile.path,
            ])
            let expected = (test["expected"] as? Bool) == true ? "true" : "false"
            #expect(evaluated.status == 0 && evaluated.standardOutput == expected + "\n", "\(country) \(rule)")
        }
        let badLogic = directory.appendingPathComponent("bad.json")
        try Data(#"{"eval":["rm -rf"]}"#.utf8).write(to: badLogic)
        let refused = try await HealthCtlProcess.run([
            "rules", "evaluate", "--logic", badLogic.path, "--data", directory.appendingPathComponent("data.json").path,
        ])
        #expect(refused.status == 1 && refused.standardError.hasPrefix("healthctl: invalid-rule: "))

        let folder = fixtures.appendingPathComponent("DE")
        let imported = try await HealthCtlProcess.run(["rules", "import", "--data", data, folder.path])
        #expect(
            imported.status == 0 && imported.standardOutput.hasPrefix("imported 11 rules"), "\(imported.standardError)")
        let listed = try await HealthCtlProcess.run(["rules", "list", "--data", data, "--country", "DE", "--json"])
        let rules = try #require(try Self.json(listed.standardOutput) as? [[String: Any]])
        #expect(rules.count == 11 && rules.allSatisfy { $0["origin"] as? String == "imported" })
        let shipped = try await HealthCtlProcess.run(["rules", "remove", "--data", data, "--identifier", "TR-BH-0001"])
        #expect(shipped.status == 1 && shipped.standardError.hasPrefix("healthctl: shipped-rule: "))
        let removed = try await HealthCtlProcess.run(["rules", "remove", "--data", data, "--identifier", "TR-DE-0001"])
        #expect(removed.status == 0)

        let valueSets = try await HealthCtlProcess.run([
            "valuesets", "import", "--data", data,
            try ReferenceTools.file("Tests/Fixtures/rules/business-rules/valuesets/valueSets.json").path,
        ])
        #expect(valueSets.status == 0 && valueSets.standardOutput.hasPrefix("imported 9 value sets"))
        let notValueSets = try await HealthCtlProcess.run(["valuesets", "import", "--data", data, badLogic.path])
        #expect(notValueSets.status == 1 && notValueSets.standardError.hasPrefix("healthctl: invalid-value-sets: "))
        let audit = try await HealthCtlProcess.run(["audit", "list", "--data", data, "--json"])
        for action in ["rules.import", "rules.remove", "valuesets.import"] {
            #expect(audit.standardOutput.contains("\"\(action)\""), "\(action)")
        }
    }
}
