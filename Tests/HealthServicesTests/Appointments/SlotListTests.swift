import Testing

@testable import HealthServices

@Suite struct SlotListTests {
    private static func slot(_ id: String, centre: String, at seconds: Int64) -> Slot {
        Slot(
            id: id, centreId: centre, service: "pcr", start: Timestamp(secondsSinceEpoch: seconds), durationMinutes: 15,
            capacity: 4, remaining: 2)
    }

    @Test func slotsComeBackAsTheyWentIn() {
        let slots = [
            Self.slot("slt_b", centre: "ctr_1", at: 900), Self.slot("slt_a", centre: "ctr_1", at: 0),
            Self.slot("slt_ü\u{0}", centre: "ctr_2", at: 0), Self.slot("", centre: "ctr_1", at: -5),
        ]
        #expect(Array(SlotList(slots)) == slots)
        #expect(SlotList().isEmpty && SlotList([]).isEmpty)
    }

    @Test func sortingPutsStartsFirstThenIdsInByteOrderAndKeepsTheLimit() {
        // "e" + combining acute and the precomposed "é" are equal as Strings; by bytes 0x65 comes before 0xC3.
        let decomposed = "slt_e\u{301}"
        let precomposed = "slt_\u{E9}"
        var list = SlotList([
            Self.slot(precomposed, centre: "ctr_1", at: 60), Self.slot("slt_z", centre: "ctr_2", at: 60),
            Self.slot(decomposed, centre: "ctr_1", at: 60), Self.slot("slt_a", centre: "ctr_1", at: 120),
            Self.slot("slt_y", centre: "ctr_3", at: 0),
        ])
        list.sortByStartAndID(keepingFirst: 4)
        // As Strings both accented ids sort after "slt_z"; by bytes the decomposed one comes before it.
        let expected = ["slt_y", decomposed, "slt_z", precomposed].map { Array($0.utf8) }
        #expect(list.map { Array($0.id.utf8) } == expected)
        list.sortByStartAndID(keepingFirst: -1)
        #expect(list.isEmpty)
    }
}
