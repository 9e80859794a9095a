import Foundation
import Testing

@testable import Certificates

/// The strict JSON reader health cards are read with.
@Suite struct JSONParsingTests {
    @Test func valuesKeepTheirTypesAndOrder() throws {
        let value = try JSONValue(
            parsing: Array(#" {"b":[1,-2,3.5,1e2,true,false,null],"a":"x\"\\\/\n\u00e9\ud83d\ude00","c":{}} "#.utf8))
        #expect(value.memberNames == ["b", "a", "c"])
        #expect(
            value["b"]
                == .array([.integer(1), .integer(-2), .number(3.5), .number(100), .bool(true), .bool(false), .null]))
        #expect(value["a"] == .string("x\"\\/\né😀"))
        #expect(value["c"] == .object([]))
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "01", "1.", "1e", "-", "tru", "\"a", "\"\u{01}\"",
        "\"\\x\"", "\"\\ud800\"", "1 2", "{a:1}", "[1 2]",
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
    ])
    func malformedTextIsRefused(_ text: String) {
        #expect(throws: CertificateError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: CertificateError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func agreesWithFoundationOnTheExamples() throws {
        for number in HealthCardFixtures.examples {
            let data = try Data(contentsOf: HealthCardFixtures.file("example-\(number)-b-jws-payload-expanded.json"))
            let ours = try JSONValue(parsing: data)
            let foundation = try JSONDecoder().decode(JSONValue.self, from: data)
            #expect(Self.sorted(ours) == foundation)
        }
    }

    /// The value with every object's members in name order, as Foundation's decoding gives them.
    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(members.sorted { $0.key < $1.key }.map { .init($0.key, sorted($0.value)) })
        case .array(let elements): .array(elements.map(sorted))
        default: value
        }
    }
}
