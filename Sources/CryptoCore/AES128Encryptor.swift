internal import COpenSSL

/// AES-128 block encryption (FIPS 197) in ECB mode without padding, over one reusable OpenSSL cipher context.
///
/// Made for hot loops such as deriving GAEN rolling proximity identifiers: create one per thread, re-key it
/// with ``setKey(_:)`` and encrypt many blocks per call. Not thread-safe.
public final class AES128Encryptor {
    /// AES block length in bytes.
    public static let blockByteCount = 16
    /// AES-128 key length in bytes.
    public static let keyByteCount = 16

    private let context: OpaquePointer

    /// Creates an encryptor for the 16-byte `key`.
    public init(key: [UInt8]) throws {
        guard key.count == Self.keyByteCount else {
            throw CryptoError(.invalidKey, "AES-128 needs a 16-byte key, got \(key.count)")
        }
        guard let context = EVP_CIPHER_CTX_new() else {
            throw CryptoError.openSSL(.internalFailure, "EVP_CIPHER_CTX_new")
        }
        // From here on deinit frees the context, also when a later step throws.
        self.context = context
        // Padding stays at its default: it only adds a block at EVP_EncryptFinal, which is never called, and encrypting
        // whole blocks writes them all out at once (checked on every call). Turned off, OpenSSL 3.0 would set it
        // again through its parameter lookup (string compares over parameter names) on every re-key, which showed
        // in matching's profile.
        guard EVP_EncryptInit_ex2(context, EVP_aes_128_ecb(), key, nil, nil) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_EncryptInit_ex2(AES-128-ECB)")
        }
    }

    deinit {
        EVP_CIPHER_CTX_free(context)
    }

    /// Replaces the key without reallocating the cipher context; `key` must be 16 bytes.
    public func setKey(_ key: UnsafeRawBufferPointer) throws {
        guard key.count == Self.keyByteCount, let keyBytes = key.baseAddress else {
            throw CryptoError(.invalidKey, "AES-128 needs a 16-byte key, got \(key.count)")
        }
        // A NULL cipher keeps the context's AES-128-ECB; only the key schedule changes.
        guard EVP_EncryptInit_ex2(context, nil, keyBytes.assumingMemoryBound(to: UInt8.self), nil, nil) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_EncryptInit_ex2(re-key)")
        }
    }

    /// Encrypts one or more whole 16-byte blocks and returns the ciphertext.
    public func encryptBlocks(_ input: [UInt8]) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: input.count) { output, initialized in
            try input.withUnsafeBytes { try encryptBlocks($0, into: UnsafeMutableRawBufferPointer(output)) }
            initialized = input.count
        }
    }

    /// Encrypts whole 16-byte blocks from `input` into the start of `output` in one OpenSSL call, allocating nothing.
    ///
    /// `output` must hold at least `input.count` bytes; it may be the same memory as `input`, but not overlap it
    /// partially.
    public func encryptBlocks(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard input.count % Self.blockByteCount == 0 else {
            throw CryptoError(.invalidInput, "AES-ECB input must be whole 16-byte blocks, got \(input.count) bytes")
        }
        guard output.count >= input.count else {
            throw CryptoError(.invalidInput, "AES-ECB output holds \(output.count) bytes, needs \(input.count)")
        }
        guard let source = input.baseAddress, let destination = output.baseAddress else { return }
        let length = try OpenSSLLength.int32(input.count, of: "AES-ECB input")
        var written: Int32 = 0
        guard
            EVP_EncryptUpdate(
                context, destination.assumingMemoryBound(to: UInt8.self), &written,
                source.assumingMemoryBound(to: UInt8.self), length
            ) == 1, written == length
        else {
            throw CryptoError.openSSL(.internalFailure, "EVP_EncryptUpdate(AES-128-ECB)")
        }
    }
}

@available(*, unavailable)
extension AES128Encryptor: Sendable {}
