import CryptoCore

/// A key, interval and sighting whose RPIs agree, before metadata decryption.
struct RPIHit: Sendable {
    let keyIndex: Int
    let interval: UInt32
    let sightingIndex: Int
}

extension ExposureMatcher {
    /// Matches keys `range` of `batch` on the calling thread: each key's RPIs from one ``RPIDeriver`` call, one table
    /// probe per RPI. Nothing is allocated per key or RPI.
    static func scan(
        _ batch: DiagnosisKeyBatch, range: Range<Int>, table: RPITable, sightingTimes: [Int64]
    ) throws -> [RPIHit] {
        let deriver = try RPIDeriver()
        let blockBytes = RPIDeriver.blockBytes
        var hits: [RPIHit] = []
        try batch.keyData.withUnsafeBytes { keyData in
            try batch.rollingStarts.withUnsafeBufferPointer { starts in
                try batch.rollingPeriods.withUnsafeBufferPointer { periods in
                    try table.withProbe { probe in
                        for keyIndex in range {
                            let start = starts[keyIndex]
                            let period = Int(periods[keyIndex])
                            let rpis = try deriver.rpis(
                                of: UnsafeRawBufferPointer(rebasing: keyData[keyIndex * 16..<keyIndex * 16 + 16]),
                                start: start, period: period)
                            for block in 0..<period {
                                let low = rpis.loadUnaligned(fromByteOffset: block * blockBytes, as: UInt64.self)
                                let high = rpis.loadUnaligned(fromByteOffset: block * blockBytes + 8, as: UInt64.self)
                                let group = probe.group(low: low, high: high)
                                if group >= 0 {
                                    collect(
                                        group: group, keyIndex: keyIndex, interval: start &+ UInt32(block),
                                        table: table, sightingTimes: sightingTimes, into: &hits)
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits
    }

    /// Records the sightings of `group` whose time lies within ±2 hours of `interval`.
    private static func collect(
        group: Int, keyIndex: Int, interval: UInt32, table: RPITable, sightingTimes: [Int64], into hits: inout [RPIHit]
    ) {
        let intervalStart = Int64(interval) * ENIntervalNumber.secondsPerInterval
        for position in Int(table.groupStarts[group])..<Int(table.groupStarts[group + 1]) {
            let sightingIndex = Int(table.sightingOrder[position])
            let time = sightingTimes[sightingIndex]
            if time >= intervalStart - matchTolerance
                && time < intervalStart + ENIntervalNumber.secondsPerInterval + matchTolerance
            {
                hits.append(RPIHit(keyIndex: keyIndex, interval: interval, sightingIndex: sightingIndex))
            }
        }
    }
}
