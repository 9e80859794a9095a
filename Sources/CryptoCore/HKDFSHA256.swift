internal import COpenSSL

/// HKDF with SHA-256 (RFC 5869): extract then expand.
public enum HKDFSHA256 {
    /// Largest output RFC 5869 allows: 255 blocks of the hash length.
    public static let maximumOutputByteCount = 255 * SHA256.byteCount

    /// Derives `outputByteCount` bytes (1...8160) from the input keying material; an empty salt means 32 zero bytes.
    public static func deriveKey(
        inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws -> [UInt8] {
        guard (1...maximumOutputByteCount).contains(outputByteCount) else {
            throw CryptoError(
                .invalidInput, "HKDF output length \(outputByteCount) is outside 1...\(maximumOutputByteCount)")
        }
        guard !inputKeyMaterial.isEmpty else {
            throw CryptoError(.invalidInput, "HKDF needs non-empty input keying material")
        }
        // RFC 5869 section 2.2: a missing salt is HashLen zeros. Pass them explicitly rather than rely on how
        // OpenSSL treats a zero-length salt.
        let effectiveSalt = salt.isEmpty ? [UInt8](repeating: 0, count: SHA256.byteCount) : salt

        guard let context = EVP_PKEY_CTX_new_from_name(nil, "HKDF", nil) else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_CTX_new_from_name(HKDF)")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_derive_init(context) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_derive_init(HKDF)")
        }
        guard EVP_PKEY_CTX_set_hkdf_md(context, MessageDigestAlgorithm.sha256.pointer) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_CTX_set_hkdf_md")
        }
        let saltLength = try OpenSSLLength.int32(effectiveSalt.count, of: "HKDF salt")
        let keyLength = try OpenSSLLength.int32(inputKeyMaterial.count, of: "HKDF input keying material")
        let infoLength = try OpenSSLLength.int32(info.count, of: "HKDF info")
        guard EVP_PKEY_CTX_set1_hkdf_salt(context, effectiveSalt, saltLength) == 1 else {
            throw CryptoError.openSSL(.invalidInput, "EVP_PKEY_CTX_set1_hkdf_salt")
        }
        guard EVP_PKEY_CTX_set1_hkdf_key(context, inputKeyMaterial, keyLength) == 1 else {
            throw CryptoError.openSSL(.invalidInput, "EVP_PKEY_CTX_set1_hkdf_key")
        }
        if !info.isEmpty {
            guard EVP_PKEY_CTX_add1_hkdf_info(context, info, infoLength) == 1 else {
                throw CryptoError.openSSL(.invalidInput, "EVP_PKEY_CTX_add1_hkdf_info")
            }
        }
        var output = [UInt8](repeating: 0, count: outputByteCount)
        var length = outputByteCount
        guard EVP_PKEY_derive(context, &output, &length) == 1, length == outputByteCount else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_derive(HKDF)")
        }
        return output
    }
}
