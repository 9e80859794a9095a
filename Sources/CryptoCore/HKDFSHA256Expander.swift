internal import COpenSSL

/// HKDF-SHA256 (RFC 5869) for one fixed salt and info, reused across many input keys without allocating.
///
/// The salt's HMAC pads are hashed once at creation, so each derivation costs the SHA-256 compressions of the
/// extract and expand steps only. It hashes with OpenSSL's SHA-256 below EVP (see `copenssl_sha256_init`): copying a
/// saved state is then a struct assignment, where an `EVP_MD_CTX` copy allocates, and matching derives one key per
/// diagnosis key. Not thread-safe: give each thread its own expander.
public final class HKDFSHA256Expander {
    private static let hashLength = 32
    private static let blockLength = 64

    /// SHA-256 state after absorbing `salt ⊕ ipad`.
    private let saltInner: UnsafeMutablePointer<SHA256_CTX>
    /// SHA-256 state after absorbing `salt ⊕ opad`.
    private let saltOuter: UnsafeMutablePointer<SHA256_CTX>
    /// The state being hashed. The three live outside the object's stored properties, which Swift would check for
    /// exclusive access at every use.
    private let work: UnsafeMutablePointer<SHA256_CTX>
    private let info: [UInt8]
    /// Scratch: pseudorandom key, key pad block, previous output block.
    private let scratch: UnsafeMutableRawBufferPointer

    /// The largest output RFC 5869 allows for SHA-256.
    public static let maximumOutputByteCount = 255 * 32

    /// Prepares derivations with `salt` (empty means HashLen zero bytes) and `info`.
    public init(salt: [UInt8], info: [UInt8]) throws {
        self.info = info
        self.scratch = .allocate(byteCount: Self.hashLength + Self.blockLength + Self.hashLength, alignment: 16)
        let states = UnsafeMutablePointer<SHA256_CTX>.allocate(capacity: 3)
        states.initialize(repeating: SHA256_CTX(), count: 3)
        (saltInner, saltOuter, work) = (states, states + 1, states + 2)
        var key = salt.count > Self.blockLength ? SHA256.hash(salt) : salt
        key += [UInt8](repeating: 0, count: Self.blockLength - key.count)
        try Self.start(saltInner, pad: key.map { $0 ^ 0x36 })
        try Self.start(saltOuter, pad: key.map { $0 ^ 0x5c })
    }

    deinit {
        saltInner.deallocate()
        scratch.deallocate()
    }

    /// Derives `outputByteCount` bytes from `inputKeyMaterial`.
    public func deriveKey(inputKeyMaterial: [UInt8], outputByteCount: Int) throws -> [UInt8] {
        guard (1...Self.maximumOutputByteCount).contains(outputByteCount) else {
            throw CryptoError(
                .invalidInput, "HKDF output length \(outputByteCount) outside 1...\(Self.maximumOutputByteCount)")
        }
        var output = [UInt8](repeating: 0, count: outputByteCount)
        try inputKeyMaterial.withUnsafeBytes { ikm in
            try output.withUnsafeMutableBytes { try deriveKey(inputKeyMaterial: ikm, into: $0) }
        }
        return output
    }

    /// Derives `output.count` bytes from `inputKeyMaterial` into `output`, allocating nothing.
    public func deriveKey(inputKeyMaterial: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard (1...Self.maximumOutputByteCount).contains(output.count) else {
            throw CryptoError(
                .invalidInput, "HKDF output length \(output.count) outside 1...\(Self.maximumOutputByteCount)")
        }
        let base = scratch.baseAddress!
        let prk = base
        let block = base + Self.hashLength + Self.blockLength

        // Extract: PRK = HMAC(salt, IKM), continuing from the precomputed salt pads.
        work.pointee = saltInner.pointee
        try update(inputKeyMaterial.baseAddress, inputKeyMaterial.count)
        try finish(into: block)
        work.pointee = saltOuter.pointee
        try update(block, Self.hashLength)
        try finish(into: prk)

        // Expand: T(n) = HMAC(PRK, T(n-1) || info || n).
        var written = 0
        var counter: UInt8 = 1
        while written < output.count {
            try startPadded(key: prk, with: 0x36)
            if counter > 1 { try update(block, Self.hashLength) }
            try info.withUnsafeBytes { try update($0.baseAddress, $0.count) }
            try withUnsafeBytes(of: counter) { try update($0.baseAddress, 1) }
            try finish(into: block)
            try startPadded(key: prk, with: 0x5c)
            try update(block, Self.hashLength)
            try finish(into: block)
            let take = min(Self.hashLength, output.count - written)
            (output.baseAddress! + written).copyMemory(from: block, byteCount: take)
            written += take
            counter &+= 1
        }
    }

    /// Starts `work` on a fresh SHA-256 and absorbs the 32-byte `key` padded to a block and XORed with `byte`.
    private func startPadded(key: UnsafeMutableRawPointer, with byte: UInt8) throws {
        let pad = scratch.baseAddress! + Self.hashLength
        let word = UInt64(byte) &* 0x0101_0101_0101_0101
        for offset in stride(from: 0, to: Self.hashLength, by: 8) {
            pad.storeBytes(
                of: key.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ word, toByteOffset: offset,
                as: UInt64.self)
        }
        for offset in stride(from: Self.hashLength, to: Self.blockLength, by: 8) {
            pad.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
        }
        try check(copenssl_sha256_init(work), "SHA256_Init")
        try update(pad, Self.blockLength)
    }

    private func update(_ data: UnsafeRawPointer?, _ count: Int) throws {
        guard count > 0 else { return }
        try check(copenssl_sha256_update(work, data, count), "SHA256_Update")
    }

    private func finish(into destination: UnsafeMutableRawPointer) throws {
        try check(copenssl_sha256_final(destination.assumingMemoryBound(to: UInt8.self), work), "SHA256_Final")
    }

    private func check(_ result: Int32, _ call: String) throws {
        guard result == 1 else { throw CryptoError(.internalFailure, "\(call) failed") }
    }

    private static func start(_ context: UnsafeMutablePointer<SHA256_CTX>, pad: [UInt8]) throws {
        guard copenssl_sha256_init(context) == 1,
            pad.withUnsafeBytes({ copenssl_sha256_update(context, $0.baseAddress, $0.count) }) == 1
        else { throw CryptoError(.internalFailure, "SHA-256 pad precomputation failed") }
    }
}

@available(*, unavailable)
extension HKDFSHA256Expander: Sendable {}
