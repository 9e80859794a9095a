import CryptoCore

/// A key, interval and sighting whose RPIs agree, before metadata decryption.
struct RPIHit: Sendable {
    let keyIndex: Int
    let interval: UInt32
    let sightingIndex: Int
}

extension ExposureMatcher {
    /// Matches keys `range` of `batch` on the calling thread: per key one HKDF, all of its RPIs in one AES call,
    /// one table probe per RPI. Buffers are allocated once per call, never per key or RPI.
    static func scan(
        _ batch: DiagnosisKeyBatch, range: Range<Int>, table: RPITable, sightingTimes: [Int64]
    ) throws -> [RPIHit] {
        let expander = try HKDFSHA256Expander(salt: [], info: TemporaryExposureKey.rpikInfo)
        let encryptor = try AES128Encryptor(key: [UInt8](repeating: 0, count: 16))
        let blockBytes = 16
        let maximumBytes = DiagnosisKey.maximumRollingPeriod * blockBytes
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: maximumBytes, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: maximumBytes, alignment: 16)
        let rpik = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 16)
        defer {
            input.deallocate()
            output.deallocate()
            rpik.deallocate()
        }
        for block in 0..<DiagnosisKey.maximumRollingPeriod {
            let padded = RollingProximityIdentifier.paddedData(for: ENIntervalNumber(rawValue: 0))
            UnsafeMutableRawBufferPointer(rebasing: input[block * blockBytes..<(block + 1) * blockBytes])
                .copyBytes(from: padded)
        }
        var hits: [RPIHit] = []
        try batch.keyData.withUnsafeBytes { keyData in
            try batch.rollingStarts.withUnsafeBufferPointer { starts in
                try batch.rollingPeriods.withUnsafeBufferPointer { periods in
                    try table.withProbe { probe in
                        for keyIndex in range {
                            let start = starts[keyIndex]
                            let period = Int(periods[keyIndex])
                            try expander.deriveKey(
                                inputKeyMaterial: UnsafeRawBufferPointer(
                                    rebasing: keyData[keyIndex * 16..<keyIndex * 16 + 16]),
                                into: rpik)
                            try encryptor.setKey(UnsafeRawBufferPointer(rpik))
                            for block in 0..<period {
                                input.storeBytes(
                                    of: (start &+ UInt32(block)).littleEndian, toByteOffset: block * blockBytes + 12,
                                    as: UInt32.self)
                            }
                            let used = period * blockBytes
                            try encryptor.encryptBlocks(UnsafeRawBufferPointer(rebasing: input[0..<used]), into: output)
                            for block in 0..<period {
                                let low = output.loadUnaligned(fromByteOffset: block * blockBytes, as: UInt64.self)
                                let high = output.loadUnaligned(fromByteOffset: block * blockBytes + 8, as: UInt64.self)
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
