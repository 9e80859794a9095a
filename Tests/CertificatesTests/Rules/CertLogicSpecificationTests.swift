import Foundation
import Testing

@testable import Certificates

/// The CertLogic 1.3.3 specification's own test suites: every assertion of `testSuite/*.json` evaluates to its
/// `expected` value, and `validation-testSuite/*.json` expressions are accepted exactly when they have no issues.
@Suite struct CertLogicSpecificationTests {
    static let suiteDirectory = "certlogic/specification/testSuite"
    static let validationDirectory = "certlogic/specification/validation-testSuite"

    /// What upstream marks `"directive": "skip"`, by suite file and case name (assertion numbers from 1), with why.
    /// These are left out; the test fails if the fixtures' skip directives ever differ from this list.
    static let upstreamSkips: [String: String] = [
        "ins-with-nulls.json › null-safety › 1": Self.inOnNonArray,
        "ins-with-nulls.json › null-safety › 2": Self.inOnNonArray,
        "ins-with-nulls.json › null-safety › 3": Self.inOnNonArray,
        "ins-with-nulls.json › null-safety › 4": Self.inOnNonArray,
        "patched-reduce.json": """
        a proposed extension: the reduce lambda's context would also hold the original data as "data", which \
        the specification says CertLogic "may" add some day (1.3.3 gives the lambda only accumulator and current)
        """,
    ]
    static let inOnNonArray = """
        expects false for "in" with a null or missing right operand, but the specification makes "in" on a \
        non-array an error (the reference evaluators throw)
        """

    @Test(arguments: try CertLogicFixtures.jsonFileNames(in: suiteDirectory))
    func testSuite(_ fileName: String) throws {
        let suite = try CertLogicFixtures.json(CertLogicFixtures.url("\(Self.suiteDirectory)/\(fileName)"))
        if suite["directive"] == .string("skip") {
            #expect(Self.upstreamSkips[fileName] != nil, "\(fileName) is marked skip upstream but not listed here")
            return
        }
        var checked = 0
        for testCase in suite.arrayMember("cases") {
            let caseName = testCase["name"]?.stringValue ?? "?"
            for (number, assertion) in testCase.arrayMember("assertions").enumerated() {
                let label = "\(fileName) › \(caseName) › \(number + 1)"
                if testCase["directive"] == .string("skip") || assertion["directive"] == .string("skip") {
                    #expect(Self.upstreamSkips[label] != nil, "\(label) is marked skip upstream but not listed here")
                    continue
                }
                let expressionJSON = assertion["certLogicExpression"] ?? testCase["certLogicExpression"] ?? .null
                let expected = assertion["expected"] ?? .null
                let context = "\(label): \(expressionJSON.compactJSON)"
                do {
                    let result = try CertLogicExpression(expressionJSON).evaluate(assertion["data"] ?? .null)
                    if result != expected {
                        Issue.record("\(context) gave \(result.compactJSON), expected \(expected.compactJSON)")
                    }
                } catch {
                    Issue.record("\(context) threw \"\(error)\", expected \(expected.compactJSON)")
                }
                checked += 1
            }
        }
        #expect(checked > 0, "\(fileName) has no assertions")
    }

    @Test func upstreamSkipsAreStillMarkedSkip() throws {
        let files = try CertLogicFixtures.jsonFileNames(in: Self.suiteDirectory)
        var marked: Set<String> = []
        for fileName in files {
            let suite = try CertLogicFixtures.json(CertLogicFixtures.url("\(Self.suiteDirectory)/\(fileName)"))
            if suite["directive"] == .string("skip") { marked.insert(fileName) }
            for testCase in suite.arrayMember("cases") {
                for (number, assertion) in testCase.arrayMember("assertions").enumerated()
                where testCase["directive"] == .string("skip") || assertion["directive"] == .string("skip") {
                    marked.insert("\(fileName) › \(testCase["name"]?.stringValue ?? "?") › \(number + 1)")
                }
            }
        }
        #expect(marked == Set(Self.upstreamSkips.keys))
    }

    @Test(arguments: try CertLogicFixtures.jsonFileNames(in: validationDirectory))
    func validationSuite(_ fileName: String) throws {
        let suite = try CertLogicFixtures.json(CertLogicFixtures.url("\(Self.validationDirectory)/\(fileName)"))
        let cases = suite.arrayMember("cases")
        #expect(!cases.isEmpty)
        for testCase in cases {
            let expression = testCase["certLogicExpression"] ?? .null
            let isValid = testCase.arrayMember("issues").isEmpty
            do {
                _ = try CertLogicExpression(expression)
                if !isValid { Issue.record("\(fileName): \(expression.compactJSON) was accepted but is invalid") }
            } catch {
                if isValid { Issue.record("\(fileName): \(expression.compactJSON) was refused: \(error)") }
            }
        }
    }
}
