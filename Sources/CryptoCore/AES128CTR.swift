internal import COpenSSL

/// AES-128 in counter mode (NIST SP 800-38A section 6.5), as used by GAEN associated encrypted metadata.
public enum AES128CTR {
    /// Encrypts or decrypts `data` (the same operation) with a 16-byte key and a 16-byte initial counter block.
    public static func apply(key: [UInt8], iv: [UInt8], to data: [UInt8]) throws -> [UInt8] {
        guard key.count == AES128Encryptor.keyByteCount else {
            throw CryptoError(.invalidKey, "AES-128 needs a 16-byte key, got \(key.count)")
        }
        guard iv.count == AES128Encryptor.blockByteCount else {
            throw CryptoError(.invalidInput, "AES-CTR needs a 16-byte initial counter block, got \(iv.count)")
        }
        let length = try OpenSSLLength.int32(data.count, of: "AES-CTR input")
        guard let context = EVP_CIPHER_CTX_new() else {
            throw CryptoError.openSSL(.internalFailure, "EVP_CIPHER_CTX_new")
        }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_EncryptInit_ex2(context, EVP_aes_128_ctr(), key, iv, nil) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_EncryptInit_ex2(AES-128-CTR)")
        }
        // One spare block: OpenSSL may touch up to a block past the input in its finalisation step.
        var output = [UInt8](repeating: 0, count: data.count + AES128Encryptor.blockByteCount)
        var written: Int32 = 0
        var finalWritten: Int32 = 0
        let succeeded = output.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptUpdate(context, buffer.baseAddress, &written, data, length) == 1
                && EVP_EncryptFinal_ex(context, buffer.baseAddress! + Int(written), &finalWritten) == 1
        }
        guard succeeded, Int(written + finalWritten) == data.count else {
            throw CryptoError.openSSL(.internalFailure, "EVP_EncryptUpdate(AES-128-CTR)")
        }
        output.removeLast(AES128Encryptor.blockByteCount)
        return output
    }
}
