import CryptoCore

/// An open-addressing hash table of the distinct observed RPIs, built once and probed 144 times per key.
///
/// A blocked Bloom filter (8 bits per slot, 3 bits per RPI within one 64-bit word) answers about 99.5% of misses,
/// the common case, from a table small enough for the L2 cache;
/// slots hold a 31-bit tag (0 = empty) and the full 16 bytes are compared only on a tag hit. The slot index mixes the RPI with a random seed, so broadcast RPIs chosen to collide cannot
/// lengthen probe chains. Sightings are grouped by RPI: group `g` is `sightingOrder[groupStarts[g]..<groupStarts[g+1]]`.
struct RPITable: Sendable {
    let shift: UInt64
    let seed: UInt64
    let mask: Int
    let filterShift: UInt64
    let filter: [UInt64]
    let tags: [UInt32]
    let slotGroups: [Int32]
    /// Two words per group: the group's RPI.
    let words: [UInt64]
    let groupStarts: [Int32]
    let sightingOrder: [Int32]

    init(sightings: [Sighting]) {
        let order = sightings.indices.sorted {
            sightings[$0].rpi.bytes.lexicographicallyPrecedes(sightings[$1].rpi.bytes)
        }
        var words: [UInt64] = []
        var groupStarts: [Int32] = []
        var previous: [UInt8]? = nil
        for (position, index) in order.enumerated() where sightings[index].rpi.bytes != previous {
            previous = sightings[index].rpi.bytes
            let (low, high) = Self.words(of: sightings[index].rpi.bytes)
            words += [low, high]
            groupStarts.append(Int32(position))
        }
        groupStarts.append(Int32(order.count))
        var bits: UInt64 = 4
        while (1 << bits) < 2 * (groupStarts.count - 1) { bits += 1 }
        shift = 64 - bits
        seed = SecureRandom.bytes(count: 8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        mask = (1 << Int(bits)) - 1
        filterShift = shift + 3
        var filter = [UInt64](repeating: 0, count: (mask + 1) * 8 / 64)
        var tags = [UInt32](repeating: 0, count: mask + 1)
        var slotGroups = [Int32](repeating: -1, count: mask + 1)
        for group in 0..<(groupStarts.count - 1) {
            let (low, high) = (words[2 * group], words[2 * group + 1])
            let (word, bits) = Self.filterBits(high, seed: seed, shift: filterShift)
            filter[word] |= bits
            var slot = Self.slot(low, seed: seed, shift: shift)
            while tags[slot] != 0 { slot = (slot + 1) & mask }
            tags[slot] = Self.tag(high)
            slotGroups[slot] = Int32(group)
        }
        self.filter = filter
        self.tags = tags
        self.slotGroups = slotGroups
        self.words = words
        self.groupStarts = groupStarts
        self.sightingOrder = order.map { Int32($0) }
    }

    /// Number of distinct RPIs.
    var groupCount: Int { groupStarts.count - 1 }

    static func words(of bytes: [UInt8]) -> (UInt64, UInt64) {
        bytes.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    @inline(__always)
    static func slot(_ low: UInt64, seed: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((low ^ seed) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    static func filterBits(_ high: UInt64, seed: UInt64, shift: UInt64) -> (word: Int, bits: UInt64) {
        let hash = (high ^ seed) &* 0xC2B2_AE3D_27D4_EB4F
        let bits =
            (1 as UInt64) << (hash & 63) | (1 as UInt64) << ((hash >> 6) & 63) | (1 as UInt64) << ((hash >> 12) & 63)
        return (Int(truncatingIfNeeded: hash >> shift), bits)
    }

    @inline(__always)
    static func tag(_ high: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: high >> 32) | 1
    }
}

/// Raw views of an ``RPITable`` for the scanning loop, valid inside ``RPITable/withProbe(_:)``.
struct RPIProbe {
    let shift: UInt64
    let seed: UInt64
    let mask: Int
    let filterShift: UInt64
    let filter: UnsafeBufferPointer<UInt64>
    let tags: UnsafeBufferPointer<UInt32>
    let slotGroups: UnsafeBufferPointer<Int32>
    let words: UnsafeBufferPointer<UInt64>

    /// The group whose RPI is (`low`, `high`), or −1.
    @inline(__always)
    func group(low: UInt64, high: UInt64) -> Int {
        let (word, bits) = RPITable.filterBits(high, seed: seed, shift: filterShift)
        if filter[word] & bits != bits { return -1 }
        let tag = RPITable.tag(high)
        var slot = RPITable.slot(low, seed: seed, shift: shift)
        while true {
            let found = tags[slot]
            if found == 0 { return -1 }
            if found == tag {
                let group = Int(slotGroups[slot])
                if words[2 * group] == low && words[2 * group + 1] == high { return group }
            }
            slot = (slot + 1) & mask
        }
    }
}

extension RPITable {
    func withProbe<Result>(_ body: (RPIProbe) throws -> Result) rethrows -> Result {
        try filter.withUnsafeBufferPointer { filter in
            try tags.withUnsafeBufferPointer { tags in
                try slotGroups.withUnsafeBufferPointer { slotGroups in
                    try words.withUnsafeBufferPointer { words in
                        try body(
                            RPIProbe(
                                shift: shift, seed: seed, mask: mask, filterShift: filterShift, filter: filter,
                                tags: tags,
                                slotGroups: slotGroups, words: words))
                    }
                }
            }
        }
    }
}
