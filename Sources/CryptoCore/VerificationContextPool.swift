internal import COpenSSL
import Synchronization

/// Verification contexts for one public key, set up once and reused, so a verify call neither fetches the
/// algorithm nor builds an `EVP_PKEY_CTX`: the per-call cost is the signature check itself.
///
/// A context serves one thread at a time: `verify` takes one from the pool (or makes one), uses it, and puts it
/// back. At most `capacity` idle contexts are kept; extras made under heavy concurrency are freed.
final class VerificationContextPool: Sendable {
    /// How each context is configured before use.
    enum Scheme {
        /// ECDSA over a precomputed digest.
        case ecdsa
        /// RSASSA-PSS (RFC 8017 section 8.1) with SHA-256, MGF1-SHA-256 and the salt length read from the signature.
        case rsaPSSSHA256
    }

    private static let capacity = 16

    let key: EVPKey
    private let scheme: Scheme
    private let idle = Mutex<[VerificationContext]>([])

    /// A pool for `key`; the first context is made at once so that an unusable key fails here, not on first use.
    init(key: EVPKey, scheme: Scheme) throws {
        self.key = key
        self.scheme = scheme
        let first = try makeContext()
        idle.withLock { $0.append(first) }
    }

    /// Whether `signature` verifies over the SHA-256 `digest`; any OpenSSL failure counts as "does not verify".
    func verify(signature: UnsafeRawBufferPointer, digest: UnsafeRawBufferPointer) -> Bool {
        guard let signatureBytes = signature.baseAddress, let digestBytes = digest.baseAddress,
            let context = idle.withLock({ $0.popLast() }) ?? (try? makeContext())
        else {
            OpenSSLErrorQueue.clear()
            return false
        }
        let result = EVP_PKEY_verify(
            context.pointer,
            signatureBytes.assumingMemoryBound(to: UInt8.self), signature.count,
            digestBytes.assumingMemoryBound(to: UInt8.self), digest.count)
        if result != 1 {
            // A bad signature leaves messages on this thread's queue; they must not leak into later errors.
            OpenSSLErrorQueue.clear()
        }
        idle.withLock { contexts in
            if contexts.count < Self.capacity { contexts.append(context) }
        }
        return result == 1
    }

    private func makeContext() throws -> VerificationContext {
        guard let pointer = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw CryptoError.openSSL(.invalidKey, "EVP_PKEY_CTX_new_from_pkey")
        }
        let context = VerificationContext(taking: pointer)
        guard EVP_PKEY_verify_init(pointer) == 1 else {
            throw CryptoError.openSSL(.invalidKey, "EVP_PKEY_verify_init")
        }
        switch scheme {
        case .ecdsa:
            break
        case .rsaPSSSHA256:
            guard EVP_PKEY_CTX_set_rsa_padding(pointer, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_signature_md(pointer, EVP_sha256()) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(pointer, EVP_sha256()) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pointer, RSA_PSS_SALTLEN_AUTO) == 1
            else {
                throw CryptoError.openSSL(.invalidKey, "configuring RSASSA-PSS with SHA-256")
            }
        }
        return context
    }
}

/// One `EVP_PKEY_CTX` initialised for verification, freed with its owner.
///
/// `@unchecked Sendable` because ``VerificationContextPool`` hands it to one thread at a time: it moves between
/// threads but is never used by two at once.
final class VerificationContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_CTX_free(pointer)
    }
}
