import CryptoCore

/// What matching would cost with nothing but its cryptography, timed in the same run as the scan: the limits the
/// scan's keys per CPU second are read against.
extension ExposureBenchmark {
    /// Keys each limit is timed over; enough for a stable rate, few enough to keep the run short.
    static let limitKeyCount = 200_000

    /// Keys per CPU second of one thread deriving each key's RPIs (HKDF, AES re-key, its intervals' AES blocks) and
    /// nothing else: the scan without its table.
    func derivationKeysPerCPUSecond() throws -> Double {
        let deriver = try RPIDeriver()
        let count = min(batch.count, Self.limitKeyCount)
        let start = CPUClock.threadNanoseconds()
        try batch.keyData.withUnsafeBytes { keyData in
            for keyIndex in 0..<count {
                _ = try deriver.rpis(
                    of: UnsafeRawBufferPointer(rebasing: keyData[keyIndex * 16..<keyIndex * 16 + 16]),
                    start: batch.rollingStarts[keyIndex], period: Int(batch.rollingPeriods[keyIndex]))
            }
        }
        return Double(count) / Self.seconds(since: start)
    }

    /// Keys per CPU second of one thread encrypting a full day's 144 blocks under one fixed key, as
    /// `openssl speed -evp aes-128-ecb` would time 2,304-byte buffers: the AES work alone, without key schedules.
    func aesKeysPerCPUSecond() throws -> Double {
        let blocks = DiagnosisKey.maximumRollingPeriod
        let encryptor = try AES128Encryptor(key: [UInt8](SecureRandom.bytes(count: 16)))
        let input = [UInt8](repeating: 0x5a, count: blocks * AES128Encryptor.blockByteCount)
        var output = input
        let count = min(batch.count, Self.limitKeyCount)
        let start = CPUClock.threadNanoseconds()
        try input.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { output in
                for _ in 0..<count { try encryptor.encryptBlocks(input, into: output) }
            }
        }
        return Double(count) / Self.seconds(since: start)
    }

    private static func seconds(since threadStart: Int) -> Double {
        Double(max(CPUClock.threadNanoseconds() - threadStart, 1)) / 1_000_000_000
    }
}
