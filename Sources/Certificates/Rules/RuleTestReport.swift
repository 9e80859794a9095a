public import Foundation

/// The outcome of running a folder of rules against their tests (`<ID>/rule.json` with `<ID>/tests/*.json`, each
/// `{name, payload, external, expected}`), as an operator does before importing them.
public struct RuleTestReport: Sendable, Codable {
    /// One test that did not give its expected value, or a rule or test that could not be read.
    public struct Failure: Sendable, Codable, Hashable {
        public let rule: String
        /// The test file's name, nil when the rule itself could not be read.
        public let test: String?
        public let name: String?
        public let expected: JSONValue?
        public let actual: JSONValue?
        public let error: String?
    }

    public private(set) var rules = 0
    public private(set) var tests = 0
    public private(set) var passed = 0
    public private(set) var failures: [Failure] = []

    public var allPassed: Bool { failures.isEmpty }

    /// Runs every rule's tests below `directory`.
    public init(directory: URL) {
        for path in EntryRules.ruleFiles(in: directory) { run(ruleAt: path) }
    }

    mutating func run(ruleAt path: URL) {
        let folder = path.deletingLastPathComponent()
        rules += 1
        let rule: EntryRule
        do throws(CertificateError) {
            rule = try EntryRule(json: try EntryRules.readJSON(path))
        } catch {
            failures.append(
                Failure(
                    rule: folder.lastPathComponent, test: nil, name: nil, expected: nil, actual: nil,
                    error: error.reason))
            return
        }
        let testFolder = folder.appendingPathComponent("tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: testFolder.path)) ?? []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            tests += 1
            run(rule, test: testFolder.appendingPathComponent(name))
        }
    }

    mutating func run(_ rule: EntryRule, test url: URL) {
        let file = url.lastPathComponent
        func fail(name: String?, expected: JSONValue?, actual: JSONValue?, error: String?) {
            failures.append(
                Failure(rule: rule.identifier, test: file, name: name, expected: expected, actual: actual, error: error)
            )
        }
        guard let test = try? EntryRules.readJSON(url), let expected = test["expected"] else {
            fail(name: nil, expected: nil, actual: nil, error: "not a test: JSON with payload, external and expected")
            return
        }
        let name = test["name"]?.stringValue
        let data = JSONValue.object([
            .init("payload", test["payload"] ?? .null), .init("external", test["external"] ?? .null),
        ])
        do throws(CertLogicError) {
            let actual = try rule.logic.evaluate(data)
            if actual == expected {
                passed += 1
            } else {
                fail(name: name, expected: expected, actual: actual, error: nil)
            }
        } catch {
            fail(name: name, expected: expected, actual: nil, error: error.message)
        }
    }
}
