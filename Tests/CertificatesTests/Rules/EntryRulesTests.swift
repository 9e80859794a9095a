import Foundation
import TestSupport
import Testing

@testable import Certificates

/// Which entry rules apply to a check, how a rule object is read, and Bahrain's shipped rules against their tests.
@Suite struct EntryRulesTests {
    static func rule(
        _ identifier: String, country: String = "BH", type: String = "Acceptance", version: String = "1.0.0",
        scope: String = "Test", from: String = "2021-06-01T00:00:00Z", to: String = "2030-06-01T00:00:00Z",
        logic: String = "true", engineVersion: String = "1.3.3", stored: Bool = false
    ) throws -> EntryRule {
        let text = """
            {"Identifier":"\(identifier)","Type":"\(type)","Country":"\(country)","Version":"\(version)",
             "SchemaVersion":"1.0.0","Engine":"CERTLOGIC","EngineVersion":"\(engineVersion)","CertificateType":"\(scope)",
             "Description":[{"lang":"en","desc":"\(identifier) in English"},{"lang":"ar","desc":"\(identifier) بالعربية"}],
             "ValidFrom":"\(from)","ValidTo":"\(to)","AffectedFields":[],"Logic":\(logic)}
            """
        return try EntryRule(json: try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), stored: stored)
    }

    static let now = ISO8601.parse("2026-12-05T12:00:00Z")!

    @Test func aRuleAppliesByDestinationTypeValidityAndNewestVersion() throws {
        let rules = EntryRules([
            try Self.rule("TR-BH-0001"),
            try Self.rule("TR-BH-0001", version: "1.2.0"),
            try Self.rule("TR-BH-0001", version: "1.10.0", from: "2027-01-01T00:00:00Z"),
            try Self.rule("GR-BH-0001", scope: "General"),
            try Self.rule("VR-BH-0001", scope: "Vaccination"),
            try Self.rule("TR-FR-0001", country: "FR"),
            try Self.rule("TR-BH-0002", to: "2026-12-05T12:00:00Z"),
            try Self.rule("IR-DE-0001", country: "DE", type: "Invalidation", scope: "General"),
        ])
        let applicable = rules.applicable(to: .test, issuedBy: "DE", destination: "BH", at: Self.now)
        #expect(applicable.map(\.identifier) == ["GR-BH-0001", "IR-DE-0001", "TR-BH-0001"])
        #expect(applicable.last?.version.description == "1.2.0")
        let later = rules.applicable(
            to: .test, issuedBy: "FR", destination: "BH", at: ISO8601.parse("2027-02-01T00:00:00Z")!)
        #expect(later.first { $0.identifier == "TR-BH-0001" }?.version.description == "1.10.0")
        #expect(
            rules.applicable(to: .recovery, issuedBy: nil, destination: "BH", at: Self.now).map(\.identifier) == [
                "GR-BH-0001"
            ])
        #expect(rules.destinations == ["BH", "FR"])
    }

    @Test func ruleObjectsAreCheckedWhenRead() throws {
        let failures: [(String, () throws -> EntryRule)] = [
            ("Version", { try Self.rule("TR-BH-0001", version: "1.0") }),
            ("Version", { try Self.rule("TR-BH-0001", version: "1.0.0.") }),
            ("Version", { try Self.rule("TR-BH-0001", version: "1..0") }),
            ("Version", { try Self.rule("TR-BH-0001", version: "+1.0.0") }),
            ("EngineVersion", { try Self.rule("TR-BH-0001", engineVersion: "2.0.0") }),
            ("EngineVersion", { try Self.rule("TR-BH-0001", engineVersion: "1.3") }),
            ("Country", { try Self.rule("TR-BH-0001", country: "bh") }),
            ("CertificateType", { try Self.rule("TR-BH-0001", scope: "Passport") }),
            ("Type", { try Self.rule("TR-BH-0001", type: "Advice") }),
            ("ValidFrom", { try Self.rule("TR-BH-0001", from: "2031-01-01T00:00:00Z") }),
            ("Logic", { try Self.rule("TR-BH-0001", logic: #"{"var":"payload.t.0","and":[]}"#) }),
            ("Logic", { try Self.rule("TR-BH-0001", logic: #"{"eval":["x"]}"#) }),
        ]
        for (field, make) in failures {
            let error = #expect(throws: CertificateError.self, "\(field)") { try make() }
            #expect(error?.code == .invalidRule && error?.reason.contains(field) == true, "\(error?.reason ?? "")")
        }
        // A rule an earlier release stored under its looser checks still reads from storage.
        let stored = try Self.rule("TR-BH-0001", version: "1.0.0.", engineVersion: "2.0.0", stored: true)
        #expect(stored.version.description == "1.0.0")
        // And is served with its version as the page reads it, which would otherwise refuse every list.
        #expect(stored.json["Version"] == .string("1.0.0") && stored.json["Identifier"] == .string("TR-BH-0001"))
    }

    @Test func aRuleThatCannotBeEvaluatedFailsWithItsError() throws {
        let check = EntryRuleCheck(
            rules: EntryRules([
                try Self.rule("TR-BH-0001", logic: #"{"in":["BH",{"var":"payload.nam"}]}"#),
                try Self.rule("TR-BH-0002", logic: #"{"===":[{"var":"external.countryCode"},"BH"]}"#),
                try Self.rule("TR-BH-0003", logic: #"{"if":[true,"yes",false]}"#),
            ]), valueSets: .european, destination: "BH", language: "ar")
        let certificate = HealthCertificate(json: try IssuerFixture.payload(ValueSetCheckTests.testJSON))
        let outcomes = check.evaluate(certificate, issuer: "FR", issuedAt: Self.now, expiresAt: Self.now, at: Self.now)
        #expect(outcomes.map(\.passed) == [false, true, false])
        #expect(outcomes[0].error?.contains("in") == true)
        #expect(outcomes[2].error == nil)
        #expect(outcomes[1].description == "TR-BH-0002 بالعربية")
    }

    @Test func bahrainsShippedRulesPassTheirTests() {
        let report = RuleTestReport(directory: EntryRules.bahrainDirectory)
        #expect(report.allPassed, "\(report.failures)")
        #expect(report.rules == 8 && report.tests >= 30)
        #expect(EntryRules.defaults.rules.count == 8)
        #expect(EntryRules.defaults.rules.allSatisfy { !$0.description(in: "ar").isEmpty && $0.country == "BH" })
    }

    @Test func theReportNamesEachFailure() throws {
        let report = RuleTestReport(
            directory: try ReferenceTools.file("Tests/Fixtures/rules/business-rules/DE"))
        #expect(report.allPassed && report.rules == 11 && report.tests == 68 && report.passed == 68)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        let tests = directory.appendingPathComponent("TR-XX-0001/tests")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try JSONEncoder().encode(try Self.rule("TR-XX-0001", country: "XX").json)
            .write(to: directory.appendingPathComponent("TR-XX-0001/rule.json"))
        try Data(#"{"name":"expects false","payload":{},"external":{},"expected":false}"#.utf8)
            .write(to: tests.appendingPathComponent("test001.json"))
        try Data("not json".utf8).write(to: tests.appendingPathComponent("test002.json"))
        let failing = RuleTestReport(directory: directory)
        #expect(failing.rules == 1 && failing.tests == 2 && failing.passed == 0)
        #expect(failing.failures.map(\.test) == ["test001.json", "test002.json"])
        #expect(failing.failures[0].actual == .bool(true) && failing.failures[0].name == "expects false")
    }
}
