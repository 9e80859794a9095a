internal import COpenSSL

/// HKDF-SHA256 (RFC 5869) for one fixed salt and info, reused across many input keys without allocating.
///
/// The salt's HMAC pads are hashed once at creation, so each derivation costs the SHA-256 compressions of the
/// extract and expand steps only. Not thread-safe: give each thread its own expander.
public final class HKDFSHA256Expander {
    private static let hashLength = 32
    private static let blockLength = 64

    private let digest: OpaquePointer
    /// SHA-256 state after absorbing `salt ⊕ ipad`.
    private let saltInner: OpaquePointer
    /// SHA-256 state after absorbing `salt ⊕ opad`.
    private let saltOuter: OpaquePointer
    private let work: OpaquePointer
    private let info: [UInt8]
    /// Scratch: pseudorandom key, key pad block, previous output block.
    private let scratch: UnsafeMutableRawBufferPointer

    /// The largest output RFC 5869 allows for SHA-256.
    public static let maximumOutputByteCount = 255 * 32

    /// Prepares derivations with `salt` (empty means HashLen zero bytes) and `info`.
    public init(salt: [UInt8], info: [UInt8]) throws {
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else {
            throw CryptoError(.internalFailure, "EVP_MD_fetch(SHA256) failed")
        }
        guard let saltInner = EVP_MD_CTX_new(), let saltOuter = EVP_MD_CTX_new(), let work = EVP_MD_CTX_new() else {
            EVP_MD_free(digest)
            throw CryptoError(.internalFailure, "EVP_MD_CTX_new failed")
        }
        self.digest = digest
        self.saltInner = saltInner
        self.saltOuter = saltOuter
        self.work = work
        self.info = info
        self.scratch = .allocate(byteCount: Self.hashLength + Self.blockLength + Self.hashLength, alignment: 16)

        var key = salt
        if key.count > Self.blockLength {
            key = try Self.hash(key, digest: digest, context: work)
        }
        key += [UInt8](repeating: 0, count: Self.blockLength - key.count)
        try Self.start(saltInner, digest: digest, pad: key.map { $0 ^ 0x36 })
        try Self.start(saltOuter, digest: digest, pad: key.map { $0 ^ 0x5c })
    }

    deinit {
        EVP_MD_CTX_free(work)
        EVP_MD_CTX_free(saltOuter)
        EVP_MD_CTX_free(saltInner)
        EVP_MD_free(digest)
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
        try check(EVP_MD_CTX_copy_ex(work, saltInner), "EVP_MD_CTX_copy_ex")
        try update(inputKeyMaterial.baseAddress, inputKeyMaterial.count)
        try finish(into: block)
        try check(EVP_MD_CTX_copy_ex(work, saltOuter), "EVP_MD_CTX_copy_ex")
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
        for index in 0..<Self.hashLength {
            pad.storeBytes(
                of: key.load(fromByteOffset: index, as: UInt8.self) ^ byte, toByteOffset: index, as: UInt8.self)
        }
        (pad + Self.hashLength).initializeMemory(
            as: UInt8.self, repeating: byte, count: Self.blockLength - Self.hashLength)
        try check(EVP_DigestInit_ex2(work, digest, nil), "EVP_DigestInit_ex2")
        try update(pad, Self.blockLength)
    }

    private func update(_ data: UnsafeRawPointer?, _ count: Int) throws {
        guard count > 0 else { return }
        try check(EVP_DigestUpdate(work, data, count), "EVP_DigestUpdate")
    }

    private func finish(into destination: UnsafeMutableRawPointer) throws {
        var length: UInt32 = 0
        try check(
            EVP_DigestFinal_ex(work, destination.assumingMemoryBound(to: UInt8.self), &length), "EVP_DigestFinal_ex")
    }

    private func check(_ result: Int32, _ call: String) throws {
        guard result == 1 else { throw CryptoError(.internalFailure, "\(call) failed") }
    }

    private static func start(_ context: OpaquePointer, digest: OpaquePointer, pad: [UInt8]) throws {
        guard EVP_DigestInit_ex2(context, digest, nil) == 1,
            pad.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1
        else { throw CryptoError(.internalFailure, "SHA-256 pad precomputation failed") }
    }

    private static func hash(_ data: [UInt8], digest: OpaquePointer, context: OpaquePointer) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: hashLength)
        var length: UInt32 = 0
        guard EVP_DigestInit_ex2(context, digest, nil) == 1,
            data.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1,
            EVP_DigestFinal_ex(context, &out, &length) == 1
        else { throw CryptoError(.internalFailure, "SHA-256 of the salt failed") }
        return out
    }
}

@available(*, unavailable)
extension HKDFSHA256Expander: Sendable {}
