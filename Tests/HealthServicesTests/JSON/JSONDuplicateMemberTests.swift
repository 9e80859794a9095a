import Foundation
import Testing

@testable import Certificates
@testable import HealthAPI
@testable import HealthServices

/// Member names given twice in one object, found at any depth and compared as they read; the same name in
/// different objects is fine. Checked against the import parser's tape as an independent reading.
@Suite struct JSONDuplicateMemberTests {
    private static func duplicate(_ text: String) -> String? {
        JSONDuplicateMember.first(in: Data(text.utf8))
    }

    @Test func aNameGivenTwiceInOneObjectIsFoundAtAnyDepth() {
        let cases: [(String, String)] = [
            (#"{"name":"A","name":"B"}"#, "name"),
            (#"{"a":1,"b":2,"a":1}"#, "a"),
            (#"{"outer":{"b":1,"b":2}}"#, "b"),
            (#"[{"x":1},{"x":1,"x":2}]"#, "x"),
            (#"{"keys":[{"key":"k","rollingPeriod":1,"rollingPeriod":2}]}"#, "rollingPeriod"),
            (#"{"a":[[[{"deep":{"d":null,"e":{},"d":[]}}]]]}"#, "d"),
            (#" { "spaced" : 1 , "spaced" : 2 } "#, "spaced"),
        ]
        for (text, name) in cases {
            #expect(Self.duplicate(text) == name, "\(text)")
        }
    }

    @Test func namesAreComparedOnceTheirEscapesAreUndone() {
        #expect(Self.duplicate(#"{"a":1,"\u0061":2}"#) == "a")
        #expect(Self.duplicate(#"{"\"":1,"\u0022":2}"#) == "\"")
        #expect(Self.duplicate(#"{"a/b":1,"a\/b":2}"#) == "a/b")
        #expect(Self.duplicate(#"{"😀":1,"\ud83d\ude00":2}"#) == "😀")
        #expect(Self.duplicate(#"{"\n":1,"\u000A":2}"#) == "\n")
        // Different bytes are different names, even where Unicode calls them equivalent.
        #expect(Self.duplicate(#"{"é":1,"e\u0301":2}"#) == nil)
        #expect(Self.duplicate(#"{"a":1,"A":2}"#) == nil)
    }

    @Test func theSameNameInDifferentObjectsIsFine() {
        let texts = [
            #"{"slotId":"slt_1"}"#,
            #"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#,
            #"[{"sampleId":"L-1","test":"pcr"},{"sampleId":"L-2","test":"pcr"}]"#,
            #"{"a":"a","b":"a","c":["a","a"]}"#,
            #"{"a":"{\"a\":1,\"a\":2}","b":"\\","c":"\"a\":"}"#,
            #"{"ab":1,"a":2,"abc":3,"":4}"#,
            #"{}"#, #"[]"#, #""a""#, #"1"#, #"[{},{}]"#,
        ]
        for text in texts {
            #expect(Self.duplicate(text) == nil, "\(text)")
        }
    }

    /// An object of many distinct members, with and without one repeated at its end: found in n log n.
    @Test func aLargeObjectIsCheckedWithoutQuadraticWork() {
        let members = (0..<50_000).map { #""m\#($0)":\#($0)"# }
        let distinct = "{" + members.joined(separator: ",") + "}"
        #expect(Self.duplicate(distinct) == nil)
        let repeated = "{" + members.joined(separator: ",") + #","m17":0}"#
        #expect(Self.duplicate(repeated) == "m17")
    }

    /// Random nested JSON built from a few names (some escaped): the scanner agrees with a reading of the import
    /// parser's tape, which decodes every name and compares them as strings of bytes.
    @Test func agreesWithAnIndependentReadingOnRandomDocuments() throws {
        var generator = SeededGenerator(seed: 19)
        var found = 0
        for _ in 0..<2_000 {
            let text = RandomJSON.value(depth: 0, using: &generator)
            let expected = try Self.referenceDuplicate(text)
            #expect((Self.duplicate(text) != nil) == expected, "\(text)")
            if expected { found += 1 }
        }
        #expect(found > 100 && found < 1_900)
    }

    /// Whether any object of `text` repeats a name, read from the import parser's tape.
    private static func referenceDuplicate(_ text: String) throws -> Bool {
        let root = try JSONTapeParser.parse(ArraySlice(Array(text.utf8)))
        let tape = root.tape
        var node = 0
        while node < tape.nodes.count {
            if tape.nodes[node].kind == .object {
                var names: Set<[UInt8]> = []
                var member = node + 1
                while member < Int(tape.nodes[node].next) {
                    if !names.insert(Array(tape.string(at: member).utf8)).inserted { return true }
                    member = Int(tape.nodes[member + 1].next)
                }
            }
            node += 1
        }
        return false
    }
}

/// Small random JSON documents whose objects draw their names from a handful, some written with escapes.
private enum RandomJSON {
    static let names = [#""a""#, #""\u0061""#, #""b""#, #""a\"b""#, #""a\u0022b""#, #""ü""#, #""\u00fc""#, #""""#]
    static let scalars = ["1", "-2.5e3", "true", "null", #""a""#, #""{\"a\":1}""#, #""\\""#]

    static func value(depth: Int, using generator: inout SeededGenerator) -> String {
        let choice = depth > 3 ? 2 : Int.random(in: 0..<4, using: &generator)
        switch choice {
        case 0:
            let count = Int.random(in: 0..<4, using: &generator)
            let members = (0..<count).map { _ in
                names.randomElement(using: &generator)! + ":" + value(depth: depth + 1, using: &generator)
            }
            return "{" + members.joined(separator: ",") + "}"
        case 1:
            let count = Int.random(in: 0..<3, using: &generator)
            return "[" + (0..<count).map { _ in value(depth: depth + 1, using: &generator) }.joined(separator: ",")
                + "]"
        default:
            return scalars.randomElement(using: &generator)!
        }
    }
}

/// A deterministic generator (SplitMix64), so a failure can be replayed.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
