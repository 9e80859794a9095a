import Foundation
import Testing

@testable import HealthServices

@Suite struct SlotListResponseTests {
    @Test func handWrittenJSONMatchesTheEncoderFieldForField() throws {
        let slots = [
            Slot(
                id: "slt_1", centreId: "ctr_\"quoted\"\\", service: "pcr",
                start: Timestamp(secondsSinceEpoch: 1_800_000_000),
                durationMinutes: 15, capacity: 4, remaining: 3),
            Slot(
                id: "slt_\u{1}ünï", centreId: "ctr_2", service: "comirnaty", start: Timestamp(secondsSinceEpoch: 0),
                durationMinutes: 60, capacity: 1000, remaining: 0),
        ]
        let handWritten = try JSONSerialization.jsonObject(with: Data(SlotListResponse(slots: slots).bytes)) as? NSArray
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(slots)) as? NSArray
        #expect(handWritten != nil && handWritten == encoded)
        #expect(SlotListResponse(slots: []).bytes == Array("[]".utf8))
    }
}
