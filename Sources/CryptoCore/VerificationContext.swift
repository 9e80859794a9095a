internal import COpenSSL

/// One verification's OpenSSL state: an `EVP_PKEY_CTX` for the key and an `EVP_MD_CTX` for hashing.
///
/// `@unchecked Sendable` because ``VerificationContextPool`` hands it to one thread at a time: it moves between
/// threads but is never used by two at once.
final class VerificationContext: @unchecked Sendable {
    let signature: OpaquePointer
    let digest: OpaquePointer

    init(key: EVPKey) throws {
        guard let signature = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw CryptoError.openSSL(.invalidKey, "EVP_PKEY_CTX_new_from_pkey")
        }
        guard let digest = EVP_MD_CTX_new() else {
            EVP_PKEY_CTX_free(signature)
            throw CryptoError.openSSL(.internalFailure, "EVP_MD_CTX_new")
        }
        self.signature = signature
        self.digest = digest
    }

    deinit {
        EVP_MD_CTX_free(digest)
        EVP_PKEY_CTX_free(signature)
    }
}
