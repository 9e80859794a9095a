import Foundation

/// The slots a search found, in order, kept as one buffer of their text and an array of fixed-size entries.
///
/// A page of slots costs two allocations rather than a string or two per slot, and the HTTP edge copies an
/// answer's JSON from the bytes; reading a slot makes its ``Slot`` value.
public struct SlotList: RandomAccessCollection, Sendable {
    /// One slot: its strings as ranges of ``text``, the rest as values.
    package struct Entry: Sendable {
        package var id: Range<Int>
        package var centreId: Range<Int>
        package var service: Range<Int>
        package var start: Timestamp
        package var durationMinutes: Int
        package var capacity: Int
        package var remaining: Int

        package init(
            id: Range<Int>, centreId: Range<Int>, service: Range<Int>, start: Timestamp, durationMinutes: Int,
            capacity: Int, remaining: Int
        ) {
            self.id = id
            self.centreId = centreId
            self.service = service
            self.start = start
            self.durationMinutes = durationMinutes
            self.capacity = capacity
            self.remaining = remaining
        }
    }

    /// The UTF-8 of the slots' ids, centre ids and services; a run of slots with one centre or service keeps it
    /// once.
    package private(set) var text: [UInt8] = []
    package private(set) var entries: [Entry] = []

    /// No slots.
    public init() {}

    /// These slots, in this order.
    public init(_ slots: some Sequence<Slot>) {
        for slot in slots {
            let previous = entries.last
            entries.append(
                Entry(
                    id: store(slot.id, reusing: nil), centreId: store(slot.centreId, reusing: previous?.centreId),
                    service: store(slot.service, reusing: previous?.service), start: slot.start,
                    durationMinutes: slot.durationMinutes, capacity: slot.capacity, remaining: slot.remaining))
        }
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }

    public subscript(position: Int) -> Slot {
        let entry = entries[position]
        return Slot(
            id: string(entry.id), centreId: string(entry.centreId), service: string(entry.service),
            start: entry.start, durationMinutes: entry.durationMinutes, capacity: entry.capacity,
            remaining: entry.remaining)
    }

    /// Keeps `bytes` in ``text`` and returns where; `previous` instead when that range holds the same bytes.
    package mutating func store(_ bytes: UnsafeBufferPointer<UInt8>, reusing previous: Range<Int>?) -> Range<Int> {
        if let previous, previous.count == bytes.count, sameBytes(at: previous, as: bytes) { return previous }
        let start = text.count
        text.append(contentsOf: bytes)
        return start..<text.count
    }

    /// Makes room for `count` slots with ids of the usual length, so a page of them allocates once.
    package mutating func reserveCapacity(_ count: Int) {
        text.reserveCapacity(count * 32)
        entries.reserveCapacity(count)
    }

    /// Adds a slot whose strings are already in ``text``.
    package mutating func append(_ entry: Entry) {
        entries.append(entry)
    }

    /// Puts the slots in start order, those with one start in id order by bytes (as SQLite's BINARY collation
    /// compares text), and keeps the first `limit`.
    package mutating func sortByStartAndID(keepingFirst limit: Int) {
        let text = self.text
        entries.sort { first, second in
            first.start != second.start
                ? first.start < second.start : text[first.id].lexicographicallyPrecedes(text[second.id])
        }
        let kept = Swift.max(0, limit)
        if entries.count > kept { entries.removeSubrange(kept...) }
    }

    /// Whether ``text`` holds `bytes` at `range`, which is as long.
    private func sameBytes(at range: Range<Int>, as bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !range.isEmpty, let other = bytes.baseAddress else { return true }
        return text.withUnsafeBufferPointer { memcmp($0.baseAddress! + range.lowerBound, other, range.count) == 0 }
    }

    private mutating func store(_ string: String, reusing previous: Range<Int>?) -> Range<Int> {
        var string = string
        return string.withUTF8 { store($0, reusing: previous) }
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }
}
