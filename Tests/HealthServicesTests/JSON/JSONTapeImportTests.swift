import Certificates
import Testing

@testable import HealthServices

/// JSON import files as ``JSONTapeParser`` reads them, with refusals that name the line.
@Suite struct JSONTapeImportTests {
    func parse(_ text: String) throws -> JSONTapeValue {
        try JSONTapeParser.parseImport(Array(text.utf8)[...])
    }

    func failure(_ bytes: [UInt8]) throws -> ServiceError {
        try #require(throws: ServiceError.self) { try JSONTapeParser.parseImport(bytes[...]) }
    }

    func failure(_ text: String) throws -> ServiceError {
        try failure(Array(text.utf8))
    }

    @Test func readsObjectsArraysAndScalarsInOrder() throws {
        let value = try parse(#" { "a" : [1, -2.5e+3, 0, true, false, null, "x"], "b": {}, "c": [] } "#)
        let items = try #require(value["a"]?.arrayValue)
        #expect(items.map(\.kind) == [.number, .number, .number, .bool, .bool, .null, .string])
        #expect(items[5].isNull)
        #expect(items[6].stringValue == "x")
        #expect(value["b"]?.isObject == true)
        #expect(value["c"]?.arrayValue?.isEmpty == true)
        #expect(value["missing"] == nil)
    }

    /// A member named twice in one object refuses the file: which value was meant cannot be told.
    @Test func aMemberNamedTwiceIsRefused() throws {
        let twice = try failure(#" { "a" : [1], "b": {}, "a": "second" } "#)
        #expect(twice.code == .duplicateMember && twice.detail.contains("'a'"))
    }

    @Test func membersAfterNestedValuesAreFound() throws {
        let value = try parse(#"{"a":{"b":[1,{"c":[[],{}]}],"e":null},"d":"after","f":[{"g":true},"h"]}"#)
        #expect(value["d"]?.stringValue == "after")
        #expect(value["a"]?["e"]?.isNull == true)
        #expect(value["a"]?["b"]?.arrayValue?.count == 2)
        let f = try #require(value["f"]?.arrayValue)
        #expect(f.count == 2)
        #expect(f[0]["g"]?.kind == .bool)
        #expect(f[1].stringValue == "h")
        #expect(value["a"]?["b"]?.arrayValue?[1]["c"]?.arrayValue?.map(\.kind) == [.array, .object])
    }

    @Test func decodesEveryEscape() throws {
        let value = try parse(#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u0645 \ud83d\ude00 é""#)
        #expect(value.stringValue == "q\" b\\ s/ \u{8}\u{c}\n\r\t é م 😀 é")
        let keys = try parse(#"{"plain":1,"esc\u0061ped":2,"\u00e9":3}"#)
        #expect(keys["escaped"]?.kind == .number)
        #expect(keys["é"]?.kind == .number)
        #expect(keys["plain"]?.kind == .number)
        #expect(keys["plai"] == nil)
    }

    @Test func refusesMalformedText() throws {
        for text in [
            "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "01", "1.", "1e", "-", "tru", "nul", "\"open",
            "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud83d alone\"", "\"\\ude00\"", "[1] [2]", "{} x", "'single'",
            "\"tab\tinside\"", "\"line\nbreak\"",
        ] {
            #expect(try failure(text).code == .malformedJSON, "\(text)")
        }
    }

    @Test func errorNamesTheLine() throws {
        let error = try failure("{\n  \"a\": 1,\n  \"b\": ?\n}")
        #expect(error.detail.contains("line 3"))
    }

    @Test func invalidUTF8InAStringIsNotUTF8Text() throws {
        let error = try failure(Array("{\n\"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8))
        #expect(error.code == .importNotUTF8)
        #expect(error.detail.contains("line 2"))
        let escaped = try failure(Array("\"\\n".utf8) + [0xFF] + Array("\"".utf8))
        #expect(escaped.code == .importNotUTF8)
    }

    @Test func deepNestingIsRefusedRatherThanExhaustingTheStack() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try failure(deep)
        #expect(error.code == .malformedJSON)
        #expect(error.detail.contains("nest"))
        let allowed =
            String(repeating: "[", count: JSONTapeParser.maxDepth)
            + String(repeating: "]", count: JSONTapeParser.maxDepth)
        #expect(try parse(allowed).arrayValue?.count == 1)
    }
}
