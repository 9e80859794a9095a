import Foundation
import Testing

@testable import Certificates

/// Member states' acceptance rules (Tests/Fixtures/rules/business-rules): each rule's `Logic`, evaluated on
/// `{"payload": …, "external": …}` of each of its tests, gives exactly the test's `expected` boolean.
///
/// Exactly: the EU verifier apps pass a rule only when it evaluates to `true` and fail it on an error, so a result
/// that is merely truthy or falsy (or an error where `false` is expected) counts as a failure here.
@Suite struct CertLogicBusinessRuleTests {
    @Test(arguments: try CertLogicFixtures.businessRuleIDs())
    func rule(_ id: String) throws {
        let rule = try CertLogicFixtures.json(CertLogicFixtures.url("business-rules/\(id)/rule.json"))
        let expression = try CertLogicExpression(rule["Logic"] ?? .null)
        let testNames = try CertLogicFixtures.jsonFileNames(in: "business-rules/\(id)/tests")
        #expect(!testNames.isEmpty, "\(id) has no tests")
        for testName in testNames {
            let test = try CertLogicFixtures.json(CertLogicFixtures.url("business-rules/\(id)/tests/\(testName)"))
            let label = "\(id)/\(testName) (\(test["name"]?.stringValue ?? "?"))"
            guard case .bool(let expected) = test["expected"] else {
                Issue.record("\(label): expected is not a boolean")
                continue
            }
            let data = JSONValue.object([
                JSONValue.Member("external", test["external"] ?? .null),
                JSONValue.Member("payload", test["payload"] ?? .null),
            ])
            do {
                let result = try expression.evaluate(data)
                if result != .bool(expected) {
                    Issue.record("\(label): gave \(result.compactJSON), expected \(expected)")
                }
            } catch {
                Issue.record("\(label): threw \"\(error)\", expected \(expected)")
            }
        }
    }
}
