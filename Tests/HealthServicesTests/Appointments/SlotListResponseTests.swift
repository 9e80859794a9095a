import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HealthAPI
@testable import HealthServices

@Suite struct SlotListResponseTests {
    private static func json(_ slots: [Slot]) -> Data {
        Data(SlotListResponse(slots: SlotList(slots)).body.readableBytesView)
    }

    @Test func handWrittenJSONMatchesTheEncoderFieldForField() throws {
        let slots = [
            Slot(
                id: "slt_1", centreId: "ctr_\"quoted\"\\", service: "pcr",
                start: Timestamp(secondsSinceEpoch: 1_800_000_000),
                durationMinutes: 15, capacity: 4, remaining: 3),
            Slot(
                id: "slt_\u{1}ünï\u{1F}", centreId: "ctr_2", service: "comirnaty",
                start: Timestamp(secondsSinceEpoch: 0),
                durationMinutes: 60, capacity: 1000, remaining: 0),
            Slot(
                id: "slt_3", centreId: "ctr_\u{7F}/", service: "", start: Timestamp(secondsSinceEpoch: 253_402_300_800),
                durationMinutes: Int.max, capacity: Int.min, remaining: -7),
            Slot(
                id: "", centreId: "ctr_4", service: "pcr", start: Timestamp(secondsSinceEpoch: -62_167_219_200),
                durationMinutes: 0, capacity: 9, remaining: 10),
        ]
        let handWritten = try JSONSerialization.jsonObject(with: Self.json(slots)) as? NSArray
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(slots)) as? NSArray
        #expect(handWritten != nil && handWritten == encoded)
        #expect(Self.json([]) == Data("[]".utf8))
    }

    @Test func bytesAreExactlyTheContractsShape() {
        let slot = Slot(
            id: "slt_0a", centreId: "ctr_\"1\"", service: "pcr", start: Timestamp(iso8601: "2026-03-02T08:15:00Z")!,
            durationMinutes: 15, capacity: 1000, remaining: -1)
        let expected =
            #"[{"id":"slt_0a","centreId":"ctr_\"1\"","service":"pcr","start":"2026-03-02T08:15:00Z","durationMinutes":15,"capacity":1000,"remaining":-1},"#
            + #"{"id":"slt_0a","centreId":"ctr_\"1\"","service":"pcr","start":"2026-03-02T08:15:00Z","durationMinutes":15,"capacity":1000,"remaining":-1}]"#
        #expect(String(decoding: Self.json([slot, slot]), as: UTF8.self) == expected)
    }

    @Test func controlCharactersAreEscapedAsUnicode() {
        let slot = Slot(
            id: "\u{0}\u{A}\u{1F}", centreId: "\\", service: "ü",
            start: Timestamp(secondsSinceEpoch: 5 - 62_167_219_200),
            durationMinutes: 1, capacity: 0, remaining: 0)
        #expect(
            String(decoding: Self.json([slot]), as: UTF8.self)
                == #"[{"id":"\u0000\u000a\u001f","centreId":"\\","service":"ü","start":"0000-01-01T00:00:05Z","durationMinutes":1,"capacity":0,"remaining":0}]"#
        )
    }

    @Test func everyEscapeIsFoundWhereverItStandsInALongString() throws {
        let escapes = ["\"": #"\""#, "\\": #"\\"#, "\u{0}": #"\u0000"#, "\n": #"\u000a"#, "\u{1F}": #"\u001f"#]
        for (special, escape) in escapes {
            for position in 0..<40 {
                var characters = Array(repeating: Character("a"), count: 40)
                characters[position] = Character(special)
                characters[(position + 17) % 40] = "é"
                let id = String(characters)
                let slot = Slot(
                    id: id, centreId: id + id, service: "pcr", start: Timestamp(secondsSinceEpoch: 0),
                    durationMinutes: 1, capacity: 1, remaining: 1)
                let json = Self.json([slot])
                #expect(try JSONDecoder().decode([Slot].self, from: json) == [slot], "\(escape) at \(position)")
                let escaped = id.replacingOccurrences(of: special, with: escape)
                #expect(String(decoding: json, as: UTF8.self).hasPrefix(#"[{"id":"\#(escaped)","#))
            }
        }
    }
}
