import CryptoCore

/// Derives all RPIs of one key at a time, as matching needs them: one HKDF for the RPIK, then every interval's
/// padded block in one AES call. Buffers and OpenSSL contexts are made once, so a key allocates nothing.
///
/// Not thread-safe: each scanning thread makes its own.
final class RPIDeriver {
    static let blockBytes = 16

    private let expander: HKDFSHA256Expander
    private let encryptor: AES128Encryptor
    private let input: UnsafeMutableRawBufferPointer
    private let output: UnsafeMutableRawBufferPointer
    private let rpik: UnsafeMutableRawBufferPointer

    init() throws {
        expander = try HKDFSHA256Expander(salt: [], info: TemporaryExposureKey.rpikInfo)
        encryptor = try AES128Encryptor(key: [UInt8](repeating: 0, count: 16))
        let maximumBytes = DiagnosisKey.maximumRollingPeriod * Self.blockBytes
        input = .allocate(byteCount: maximumBytes, alignment: 16)
        output = .allocate(byteCount: maximumBytes, alignment: 16)
        rpik = .allocate(byteCount: 16, alignment: 16)
        // Every block is "EN-RPI", six zero bytes and the interval; only the interval changes per key.
        let padded = RollingProximityIdentifier.paddedData(for: ENIntervalNumber(rawValue: 0))
        for block in 0..<DiagnosisKey.maximumRollingPeriod {
            UnsafeMutableRawBufferPointer(rebasing: input[block * Self.blockBytes..<(block + 1) * Self.blockBytes])
                .copyBytes(from: padded)
        }
    }

    deinit {
        input.deallocate()
        output.deallocate()
        rpik.deallocate()
    }

    /// The RPIs of the 16-byte `keyData` for intervals `start ..< start + period`, 16 bytes each, valid until the
    /// next call.
    @inline(__always)
    func rpis(of keyData: UnsafeRawBufferPointer, start: UInt32, period: Int) throws -> UnsafeRawBufferPointer {
        try expander.deriveKey(inputKeyMaterial: keyData, into: rpik)
        try encryptor.setKey(UnsafeRawBufferPointer(rpik))
        for block in 0..<period {
            input.storeBytes(
                of: (start &+ UInt32(block)).littleEndian, toByteOffset: block * Self.blockBytes + 12, as: UInt32.self)
        }
        let used = period * Self.blockBytes
        try encryptor.encryptBlocks(UnsafeRawBufferPointer(rebasing: input[0..<used]), into: output)
        return UnsafeRawBufferPointer(rebasing: output[0..<used])
    }
}

@available(*, unavailable)
extension RPIDeriver: Sendable {}
