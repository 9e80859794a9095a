import Foundation
import Testing

@testable import Certificates

/// CertLogic beyond the upstream suites: what is refused, which operand errors name their operation, limits that
/// must not trap, the `reduce` context, truthiness and string equality.
@Suite struct CertLogicEvaluationTests {
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func evaluate(_ expression: String, _ data: String = "{}") throws -> JSONValue {
        try CertLogicExpression(json(expression)).evaluate(json(data))
    }

    @Test(arguments: [
        // Literals and expression objects.
        "null", "1.5", "1e300", "{}", #"{"a": 1, "b": 2}"#, #"[1, {"var": null}]"#, #"{"if": [true, {"x": 1}, 2]}"#,
        // Operators not in CertLogic.
        #"{"!==": [1, 2]}"#, #"{"!!": [1]}"#, #"{"all": [[1], true]}"#,
        // Paths.
        #"{"var": 0}"#, #"{"var": ["x"]}"#, #"{"var": "a..b"}"#, #"{"var": ".a"}"#, #"{"var": "a."}"#,
        // Operand counts and forms.
        #"{"if": [true, 1]}"#, #"{"if": "x"}"#, #"{"and": [true]}"#, #"{"===": [1, 2, 3]}"#, #"{"!": []}"#,
        #"{"!": [true, false]}"#, #"{"<": [1]}"#, #"{"after": [1, 2, 3, 4]}"#, #"{"in": "x"}"#, #"{"+": [1, null]}"#,
        #"{"plusTime": ["2021", 1]}"#, #"{"dccDateOfBirth": []}"#, #"{"reduce": [[], 0]}"#,
        // Literal operands.
        #"{"plusTime": ["2021", "1", "day"]}"#, #"{"plusTime": ["2021", 1, "week"]}"#,
        #"{"plusTime": ["2021", 1.5, "day"]}"#, #"{"plusTime": ["2021", {"var": "n"}, "day"]}"#,
        #"{"extractFromUVCI": ["x", "1"]}"#,
        // Date-times where a date's text belongs.
        #"{"plusTime": [{"plusTime": ["2021", 0, "day"]}, 1, "day"]}"#,
        #"{"dccDateOfBirth": [{"dccDateOfBirth": ["2021"]}]}"#,
    ])
    func invalidExpressionsAreRefused(_ expression: String) throws {
        let json = try Self.json(expression)
        #expect(throws: CertLogicError.self) { try CertLogicExpression(json) }
    }

    @Test func refusalsNameTheOperation() throws {
        let cases = [
            (#"{"plusTime": ["2021", 1, "week"]}"#, "plusTime: "), (#"{"and": [true]}"#, "and: "),
            (#"{"var": "x."}"#, "var: "), (#"{"extractFromUVCI": ["x", "1"]}"#, "extractFromUVCI: "),
            (#"{"all": [1]}"#, "unrecognised operator \"all\""),
        ]
        for (expression, prefix) in cases {
            let json = try Self.json(expression)
            let error = #expect(throws: CertLogicError.self) { try CertLogicExpression(json) }
            #expect(error?.message.hasPrefix(prefix) == true, "\(expression): \(error?.message ?? "")")
        }
    }

    @Test(arguments: [
        (#"{"<": [1, "2"]}"#, "{}", "<"), (#"{"after": [1, 2]}"#, "{}", "after"),
        (#"{"not-before": [{"plusTime": ["2021", 0, "day"]}, "2021-01-01"]}"#, "{}", "not-before"),
        (#"{"in": ["a", "a"]}"#, "{}", "in"), (#"{"in": ["a", {"var": "x"}]}"#, "{}", "in"),
        (#"{"+": [1, "x"]}"#, "{}", "+"), (#"{"!": [{"var": "x"}]}"#, #"{"x": 1.5}"#, "!"),
        (#"{"and": [true, {"var": "x"}]}"#, #"{"x": 0.5}"#, "and"),
        (#"{"and": [true, {"plusTime": ["2021", 0, "day"]}]}"#, "{}", "and"),
        (#"{"plusTime": [{"var": "x"}, 0, "day"]}"#, "{}", "plusTime"),
        (#"{"plusTime": [{"var": "x"}, 0, "day"]}"#, #"{"x": "2021-02-30"}"#, "plusTime"),
        (#"{"plusTime": [{"var": "x"}, 1, "day"]}"#, #"{"x": ["2021"]}"#, "plusTime"),
        (#"{"dccDateOfBirth": [{"var": "x"}]}"#, #"{"x": ""}"#, "dccDateOfBirth"),
        (#"{"dccDateOfBirth": [{"var": "x"}]}"#, #"{"x": "2004-01-01T00:00:00Z"}"#, "dccDateOfBirth"),
        (#"{"reduce": [{"var": "x"}, 0, 0]}"#, #"{"x": "abc"}"#, "reduce"),
        (#"{"extractFromUVCI": [{"var": "x"}, 0]}"#, #"{"x": 42}"#, "extractFromUVCI"),
    ])
    func operandErrorsNameTheOperation(_ expression: String, _ data: String, _ operation: String) throws {
        let error = #expect(throws: CertLogicError.self) { try Self.evaluate(expression, data) }
        #expect(error?.message.hasPrefix("\(operation): ") == true, "\(error?.message ?? "")")
    }

    @Test func integerLimitsThrowInsteadOfTrapping() throws {
        #expect(throws: CertLogicError.self) { try Self.evaluate(#"{"+": [9223372036854775807, 1]}"#) }
        #expect(throws: CertLogicError.self) { try Self.evaluate(#"{"+": [-9223372036854775808, -1]}"#) }
        #expect(throws: CertLogicError.self) { try Self.evaluate(#"{"<": [{"var": "x"}, 1]}"#, #"{"x": 1e300}"#) }
        #expect(try Self.evaluate(#"{"+": [9223372036854775806, 1]}"#) == .integer(.max))
        for unit in ["year", "month", "day", "hour"] {
            for amount in ["9223372036854775807", "-9223372036854775808", "300000000000"] {
                let expression = #"{"plusTime": ["2021-06-01", \#(amount), "\#(unit)"]}"#
                #expect(throws: CertLogicError.self, "\(amount) \(unit)") { try Self.evaluate(expression) }
            }
        }
        for index in ["9223372036854775807", "-9223372036854775808"] {
            #expect(try Self.evaluate(#"{"extractFromUVCI": ["01:AT:1", \#(index)]}"#) == .null)
        }
    }

    @Test func integersCompareByValueWhicheverCaseHoldsThem() throws {
        let expression = try CertLogicExpression(Self.json(#"{"===": [{"var": "a"}, {"var": "b"}]}"#))
        let data = JSONValue.object([JSONValue.Member("a", .integer(1)), JSONValue.Member("b", .number(1.0))])
        #expect(try expression.evaluate(data) == .bool(true))
        let comparison = try CertLogicExpression(Self.json(#"{"<": [{"var": "a"}, {"var": "b"}, 2]}"#))
        let increasing = JSONValue.object([JSONValue.Member("a", .number(0)), JSONValue.Member("b", .integer(1))])
        #expect(try comparison.evaluate(increasing) == .bool(true))
    }

    @Test func deepNestingIsRefusedNotOverflowingTheStack() throws {
        var negations = JSONValue.bool(true)
        var arrays = JSONValue.integer(1)
        for _ in 0..<5000 {
            negations = .object([JSONValue.Member("!", .array([negations]))])
            arrays = .array([arrays])
        }
        #expect(throws: CertLogicError.self) { try CertLogicExpression(negations) }
        #expect(throws: CertLogicError.self) { try CertLogicExpression(arrays) }
        var deepest = JSONValue.bool(true)
        for _ in 1..<CertLogicCompiler.maximumDepth {
            deepest = .object([JSONValue.Member("!", .array([deepest]))])
        }
        let negationCount = CertLogicCompiler.maximumDepth - 1
        #expect(try CertLogicExpression(deepest).evaluate(.null) == .bool(negationCount % 2 == 0))
        let tooDeep = JSONValue.object([JSONValue.Member("!", .array([deepest]))])
        #expect(throws: CertLogicError.self) { try CertLogicExpression(tooDeep) }
    }

    @Test func reduceContextHoldsDateTimes() throws {
        let latest = """
            {"reduce": [{"var": "dates"},
              {"if": [{"after": [{"plusTime": [{"var": "current"}, 0, "day"]}, {"var": "accumulator"}]},
                      {"plusTime": [{"var": "current"}, 0, "day"]}, {"var": "accumulator"}]},
              {"plusTime": ["1970-01-01", 0, "day"]}]}
            """
        #expect(
            try Self.evaluate(latest, #"{"dates": ["2021-05-01", "2021-07-01T12:00:00+02:00", "2021-06-01"]}"#)
                == .string("2021-07-01T10:00:00.000Z"))
        #expect(try Self.evaluate(latest, #"{"dates": null}"#) == .string("1970-01-01T00:00:00.000Z"))
        #expect(
            try Self.evaluate(#"{"reduce": [[1, 2], {"var": ""}, 0]}"#)
                == Self.json(#"{"accumulator": {"accumulator": 0, "current": 1}, "current": 2}"#))
        #expect(
            try Self.evaluate(#"{"reduce": [[1], {"var": ""}, {"plusTime": ["2021", 0, "day"]}]}"#)
                == Self.json(#"{"accumulator": "2021-12-31T00:00:00.000Z", "current": 1}"#))
        #expect(try Self.evaluate(#"{"reduce": [[1], {"var": "data"}, 0]}"#, #"{"data": 1}"#) == .null)
        #expect(try Self.evaluate(#"{"reduce": [[[5, 6]], {"var": "current.1"}, 0]}"#) == .integer(6))
    }

    @Test func arraysMayHoldDateTimes() throws {
        #expect(
            try Self.evaluate(#"[{"plusTime": ["2021-06-01", 0, "day"]}, {"var": "x"}]"#, #"{"x": 1}"#)
                == Self.json(#"["2021-06-01T00:00:00.000Z", 1]"#))
        let member = """
            {"in": [{"plusTime": ["2021-06-01", 0, "day"]},
                    [1, {"plusTime": ["2021-06-01T02:00:00+02:00", 0, "hour"]}]]}
            """
        #expect(try Self.evaluate(member) == .bool(true))
        #expect(try Self.evaluate(#"{"in": [{"plusTime": ["2021-06-01", 0, "day"]}, ["2021-06-01"]]}"#) == .bool(false))
    }

    @Test func truthiness() throws {
        let truthy: [JSONValue] = [
            .bool(true), .string("0"), .integer(1), .integer(-1), .number(2), .array([.integer(0)]),
            .object([JSONValue.Member("a", .null)]),
        ]
        let falsy: [JSONValue] = [.bool(false), .null, .string(""), .integer(0), .number(0), .array([]), .object([])]
        for value in truthy { #expect(value.isCertLogicTruthy, "\(value)") }
        for value in falsy + [.number(0.5)] { #expect(!value.isCertLogicTruthy, "\(value)") }
        let negation = try CertLogicExpression(Self.json(#"{"!": [{"var": ""}]}"#))
        for value in falsy { #expect(try negation.evaluate(value) == .bool(true), "\(value)") }
        #expect(throws: CertLogicError.self) { try negation.evaluate(.number(0.5)) }
        // `if` takes the else branch for a guard neither truthy nor falsy (the specification's "otherwise"), as the
        // verifier page does: one rule must not pass on the page and fail through the API.
        let guarded = #"{"if": [{"plusTime": ["2021-01-01", 0, "day"]}, "T", "F"]}"#
        #expect(try Self.evaluate(guarded) == .string("F"))
        #expect(try Self.evaluate(#"{"if": [{"var": "x"}, "T", "F"]}"#, #"{"x": 0.5}"#) == .string("F"))
    }

    @Test func stringsAreEqualByTheirScalars() throws {
        #expect(try Self.evaluate(#"{"===": ["\u00e9", "e\u0301"]}"#) == .bool(false))
        #expect(try Self.evaluate(#"{"===": ["\u00e9", "\u00e9"]}"#) == .bool(true))
        #expect(try Self.evaluate(#"{"in": ["\u00e9", ["e\u0301"]]}"#) == .bool(false))
        #expect(try Self.evaluate(#"{"var": "e\u0301"}"#, #"{"\u00e9": 1}"#) == .null)
    }

    @Test func dataAccess() throws {
        let data = #"{"x": ["a", "b"], "o": {"0": "zero"}, "s": "abc"}"#
        #expect(try Self.evaluate(#"{"var": "x.01"}"#, data) == .string("b"))
        #expect(try Self.evaluate(#"{"var": "x.-1"}"#, data) == .null)
        #expect(try Self.evaluate(#"{"var": "x.length"}"#, data) == .null)
        #expect(try Self.evaluate(#"{"var": "x.99999999999999999999999"}"#, data) == .null)
        #expect(try Self.evaluate(#"{"var": "o.0"}"#, data) == .string("zero"))
        #expect(try Self.evaluate(#"{"var": "s.0"}"#, data) == .null)
        #expect(try Self.evaluate(#"{"var": "a.\u0301"}"#, #"{"a": {"\u0301": 1}}"#) == .integer(1))
    }

    @Test func extractFromUVCI() throws {
        let uci = #"{"x": "URN:UVCI:01:DE:\u00c4\u00d6\u00dc/x#y"}"#
        #expect(try Self.evaluate(#"{"extractFromUVCI": [{"var": "x"}, 2]}"#, uci) == .string("ÄÖÜ"))
        #expect(try Self.evaluate(#"{"extractFromUVCI": [{"var": "x"}, 4]}"#, uci) == .string("y"))
        #expect(try Self.evaluate(#"{"extractFromUVCI": ["URN:UVCI:", 0]}"#) == .string(""))
        #expect(try Self.evaluate(#"{"extractFromUVCI": ["urn:uvci:01", 0]}"#) == .string("urn"))
    }
}
