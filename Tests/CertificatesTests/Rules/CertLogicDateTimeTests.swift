import Foundation
import Testing

@testable import Certificates

/// CertLogic date-times: the formats `plusTime` and `dccDateOfBirth` accept, the offsetting rules the
/// specification takes from JavaScript's `Date`, and comparisons.
@Suite struct CertLogicDateTimeTests {
    static func plusTime(_ text: String, _ amount: Int64 = 0, _ unit: String = "day") throws -> JSONValue {
        try CertLogicExpression(
            .object([JSONValue.Member("plusTime", .array([.string(text), .integer(amount), .string(unit)]))])
        ).evaluate(.null)
    }

    static func dateOfBirth(_ text: String) throws -> JSONValue {
        try CertLogicExpression(.object([JSONValue.Member("dccDateOfBirth", .array([.string(text)]))])).evaluate(.null)
    }

    @Test(arguments: [
        ("2021", "2021-12-31T00:00:00.000Z"), ("2020-02", "2020-02-29T00:00:00.000Z"),
        ("2021-02", "2021-02-28T00:00:00.000Z"), ("2021-06-01", "2021-06-01T00:00:00.000Z"),
        ("0000-01-01", "0000-01-01T00:00:00.000Z"), ("2021-06-01T12:34:56", "2021-06-01T12:34:56.000Z"),
        ("2021-06-01T12:34:56Z", "2021-06-01T12:34:56.000Z"), ("2021-06-01T12:34:56+2", "2021-06-01T10:34:56.000Z"),
        ("2021-06-01T12:34:56-02", "2021-06-01T14:34:56.000Z"), ("2021-06-01T12:34:56+130", "2021-06-01T11:04:56.000Z"),
        ("2021-06-01T12:34:56+0130", "2021-06-01T11:04:56.000Z"),
        ("2021-06-01T12:34:56+1:30", "2021-06-01T11:04:56.000Z"),
        ("2021-06-01T12:34:56-01:30", "2021-06-01T14:04:56.000Z"),
        ("2021-06-01T12:34:56.7Z", "2021-06-01T12:34:56.700Z"),
        ("2021-06-01T12:34:56.78", "2021-06-01T12:34:56.780Z"),
        ("2021-06-01T12:34:56.789999999999999999999999Z", "2021-06-01T12:34:56.789Z"),
        ("2021-06-01T00:00:00.5-01:00", "2021-06-01T01:00:00.500Z"),
        ("2021-01-01T00:30:00+01:00", "2020-12-31T23:30:00.000Z"),
    ])
    func acceptedFormats(_ text: String, _ expected: String) throws {
        #expect(try Self.plusTime(text) == .string(expected))
    }

    @Test(arguments: [
        "", "21", "2021-1", "2021-13", "2021-00", "2021-02-29", "2021-04-31", "2021-06-00", "2021-06-01T",
        "2021-06-01T12:34", "2021-06-01T24:00:00Z", "2021-06-01T12:60:00Z", "2021-06-01T12:00:60Z",
        "2021-06-01T12:00:00.Z", "2021-06-01T12:00:00z", "2021-06-01t12:00:00Z", "2021-06-01 12:00:00Z",
        "2021-06-01T12:00:00+", "2021-06-01T12:00:00+12345", "2021-06-01T12:00:00+24:00", "2021-06-01T12:00:00+01:60",
        "2021-06-01T12:00:00+1:3", "2021-06-01T12:00:00+01:", "2021-06-01T12:00:00+0130:00", "2021-06T12:00:00Z",
        "2021T12:00:00Z", "2021-06-01Z", " 2021-06-01", "2021-06-01 ", "\u{FF12}021-06-01", "2021-06-01T12:00:00ZZ",
    ])
    func refusedFormats(_ text: String) throws {
        #expect(throws: CertLogicError.self) { try Self.plusTime(text) }
    }

    @Test(
        arguments: [
            ("2020-02-29", 1, "day", "2020-03-01T00:00:00.000Z"),
            ("2020-02-29", 1, "month", "2020-03-29T00:00:00.000Z"),
            ("2020-02-29", 1, "year", "2021-03-01T00:00:00.000Z"),
            ("2020-02-29", 4, "year", "2024-02-29T00:00:00.000Z"),
            ("2021-01-31", 1, "month", "2021-03-03T00:00:00.000Z"),
            ("2021-03-31", -1, "month", "2021-03-03T00:00:00.000Z"),
            ("2021-01-01", -1, "month", "2020-12-01T00:00:00.000Z"),
            ("2021-01-01", -13, "month", "2019-12-01T00:00:00.000Z"),
            ("2021-06-01T00:00:00Z", 40, "hour", "2021-06-02T16:00:00.000Z"),
            ("2021-06-01T00:00:00Z", -1, "hour", "2021-05-31T23:00:00.000Z"),
            ("2021-01-31T23:00:00-02:00", 1, "month", "2021-03-01T01:00:00.000Z"),
            ("2021-03-27T12:00:00+01:00", 1, "day", "2021-03-28T11:00:00.000Z"),
            ("2004", 18, "year", "2022-12-31T00:00:00.000Z"),
            ("9999-12-31", 1, "year", "+010000-12-31T00:00:00.000Z"),
            ("0000-01-01", -1, "day", "-000001-12-31T00:00:00.000Z"),
            ("1970-01-01", 273_790, "year", "+275760-01-01T00:00:00.000Z"),
        ] as [(String, Int64, String, String)])
    func offsetting(_ text: String, _ amount: Int64, _ unit: String, _ expected: String) throws {
        #expect(try Self.plusTime(text, amount, unit) == .string(expected))
    }

    @Test func offsettingBeyondJavaScriptsDateRangeIsAnError() throws {
        #expect(try Self.plusTime("1970-01-01", 100_000_000, "day") == .string("+275760-09-13T00:00:00.000Z"))
        #expect(throws: CertLogicError.self) { try Self.plusTime("1970-01-01", 100_000_001, "day") }
        #expect(throws: CertLogicError.self) { try Self.plusTime("1970-01-01", -275_761, "year") }
    }

    @Test(arguments: [
        ("2004", "2004-12-31T00:00:00.000Z"), ("2004-02", "2004-02-29T00:00:00.000Z"),
        ("2003-02", "2003-02-28T00:00:00.000Z"), ("2004-04", "2004-04-30T00:00:00.000Z"),
        ("2004-12", "2004-12-31T00:00:00.000Z"), ("2004-01-15", "2004-01-15T00:00:00.000Z"),
    ])
    func datesOfBirth(_ text: String, _ expected: String) throws {
        #expect(try Self.dateOfBirth(text) == .string(expected))
    }

    @Test(arguments: ["", "2004-02-30", "2004-1", "2004-13", "04", "2004-01-01T00:00:00Z", "2004-01-01Z"])
    func refusedDatesOfBirth(_ text: String) throws {
        #expect(throws: CertLogicError.self) { try Self.dateOfBirth(text) }
    }

    @Test func comparisonsAreOnInstants() throws {
        func compare(_ operation: String, _ texts: [String]) throws -> JSONValue {
            let operands = texts.map {
                JSONValue.object([JSONValue.Member("plusTime", .array([.string($0), .integer(0), .string("hour")]))])
            }
            return try CertLogicExpression(.object([JSONValue.Member(operation, .array(operands))])).evaluate(.null)
        }
        let noonUTC = "2021-06-01T12:00:00Z"
        let sameInstant = "2021-06-01T14:00:00+02:00"
        let later = "2021-06-01T12:00:00.001Z"
        #expect(try compare("not-after", [noonUTC, sameInstant]) == .bool(true))
        #expect(try compare("not-before", [noonUTC, sameInstant]) == .bool(true))
        #expect(try compare("before", [noonUTC, sameInstant]) == .bool(false))
        #expect(try compare("after", [later, sameInstant]) == .bool(true))
        #expect(try compare("before", [noonUTC, later, "2021-06-02"]) == .bool(true))
        #expect(try compare("before", [noonUTC, "2021-06-02", later]) == .bool(false))
        #expect(try compare("===", [noonUTC, sameInstant]) == .bool(true))
    }
}
