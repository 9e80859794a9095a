internal import COpenSSL

/// AES-256 in Galois/Counter Mode (NIST SP 800-38D): authenticated encryption with a 96-bit nonce and a 128-bit
/// tag. A sealed box is `nonce || ciphertext || tag`.
public enum AES256GCM {
    /// AES-256 key length in bytes.
    public static let keyByteCount = 32
    /// The nonce length (the 96 bits SP 800-38D section 5.2.1.1 recommends).
    public static let nonceByteCount = 12
    /// The authentication tag length.
    public static let tagByteCount = 16

    /// Encrypts `plaintext` under `key` with a fresh random nonce, authenticating `additionalData` too.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], authenticating additionalData: [UInt8] = [])
        throws -> [UInt8]
    {
        try seal(plaintext, key: key, nonce: SecureRandom.bytes(count: nonceByteCount), authenticating: additionalData)
    }

    /// Encrypts with a given nonce: for known-answer tests only, since a nonce must never repeat under one key.
    static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating additionalData: [UInt8])
        throws -> [UInt8]
    {
        let context = try start(key: key, nonce: nonce, encrypting: true)
        defer { EVP_CIPHER_CTX_free(context) }
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        let ciphertext = try update(context, additionalData: additionalData, input: plaintext, encrypting: true)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), &tag) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_CTRL_GCM_GET_TAG")
        }
        return nonce + ciphertext + tag
    }

    /// The plaintext of a sealed box; `.invalidInput` when it is too short or fails authentication (a wrong key,
    /// other additional data, or any changed byte).
    public static func open(_ box: [UInt8], key: [UInt8], authenticating additionalData: [UInt8] = []) throws
        -> [UInt8]
    {
        guard box.count >= nonceByteCount + tagByteCount else {
            throw CryptoError(.invalidInput, "an AES-GCM box is at least 28 bytes, got \(box.count)")
        }
        let context = try start(key: key, nonce: Array(box.prefix(nonceByteCount)), encrypting: false)
        defer { EVP_CIPHER_CTX_free(context) }
        var tag = Array(box.suffix(tagByteCount))
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), &tag) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_CTRL_GCM_SET_TAG")
        }
        return try update(
            context, additionalData: additionalData,
            input: Array(box[nonceByteCount..<(box.count - tagByteCount)]), encrypting: false)
    }

    /// A cipher context keyed for AES-256-GCM with a 96-bit nonce; the caller frees it.
    private static func start(key: [UInt8], nonce: [UInt8], encrypting: Bool) throws -> OpaquePointer {
        guard key.count == keyByteCount else {
            throw CryptoError(.invalidKey, "AES-256 needs a 32-byte key, got \(key.count)")
        }
        guard nonce.count == nonceByteCount else {
            throw CryptoError(.invalidInput, "the AES-GCM nonce is 12 bytes, got \(nonce.count)")
        }
        guard let context = EVP_CIPHER_CTX_new() else {
            throw CryptoError.openSSL(.internalFailure, "EVP_CIPHER_CTX_new")
        }
        let initialized =
            encrypting
            ? EVP_EncryptInit_ex2(context, EVP_aes_256_gcm(), key, nonce, nil)
            : EVP_DecryptInit_ex2(context, EVP_aes_256_gcm(), key, nonce, nil)
        guard initialized == 1 else {
            EVP_CIPHER_CTX_free(context)
            throw CryptoError.openSSL(.internalFailure, "EVP_CipherInit_ex2(AES-256-GCM)")
        }
        return context
    }

    /// Feeds the additional data, then the input, and finishes; a decryption's finish checks the tag.
    private static func update(
        _ context: OpaquePointer, additionalData: [UInt8], input: [UInt8], encrypting: Bool
    ) throws -> [UInt8] {
        let aadLength = try OpenSSLLength.int32(additionalData.count, of: "AES-GCM additional data")
        let inputLength = try OpenSSLLength.int32(input.count, of: "AES-GCM input")
        let step = encrypting ? EVP_EncryptUpdate : EVP_DecryptUpdate
        var written: Int32 = 0
        if !additionalData.isEmpty {
            guard step(context, nil, &written, additionalData, aadLength) == 1 else {
                throw CryptoError.openSSL(.internalFailure, "EVP_CipherUpdate(AES-GCM additional data)")
            }
        }
        // GCM is a stream mode: the output is as long as the input, and finishing writes nothing.
        var output = [UInt8](repeating: 0, count: input.count + AES128Encryptor.blockByteCount)
        var finalWritten: Int32 = 0
        let updated = output.withUnsafeMutableBufferPointer { buffer in
            input.isEmpty || step(context, buffer.baseAddress, &written, input, inputLength) == 1
        }
        guard updated else { throw CryptoError.openSSL(.internalFailure, "EVP_CipherUpdate(AES-GCM)") }
        let outputCount = input.isEmpty ? 0 : Int(written)
        let finished = output.withUnsafeMutableBufferPointer { buffer in
            (encrypting
                ? EVP_EncryptFinal_ex(context, buffer.baseAddress! + outputCount, &finalWritten)
                : EVP_DecryptFinal_ex(context, buffer.baseAddress! + outputCount, &finalWritten)) == 1
        }
        guard finished else {
            if encrypting { throw CryptoError.openSSL(.internalFailure, "EVP_EncryptFinal_ex(AES-GCM)") }
            OpenSSLErrorQueue.clear()
            throw CryptoError(.invalidInput, "the AES-GCM box does not authenticate")
        }
        return Array(output.prefix(outputCount + Int(finalWritten)))
    }
}
