internal import COpenSSL
import Synchronization

/// Verification contexts for one public key, set up once and reused: a verify call neither fetches algorithms nor
/// allocates OpenSSL contexts, so its cost is the hash and the signature check themselves.
///
/// A context serves one thread at a time: `verify` takes one from the pool (or makes one), uses it, and puts it
/// back. At most `capacity` idle contexts are kept; extras made under heavy concurrency are freed.
final class VerificationContextPool: Sendable {
    /// How each context is configured before use.
    enum Scheme {
        /// ECDSA over a SHA-256 digest.
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

    /// Whether `signature` verifies over SHA-256(`message`); any OpenSSL failure counts as "does not verify".
    func verify(signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
        guard let signatureBytes = signature.baseAddress,
            let context = idle.withLock({ $0.popLast() }) ?? (try? makeContext())
        else {
            OpenSSLErrorQueue.clear()
            return false
        }
        defer {
            idle.withLock { contexts in
                if contexts.count < Self.capacity { contexts.append(context) }
            }
        }
        let verified = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: SHA256.byteCount) { digest in
            var length: UInt32 = 0
            return EVP_DigestInit_ex2(context.digest, MessageDigestAlgorithm.sha256.pointer, nil) == 1
                && EVP_DigestUpdate(context.digest, message.baseAddress, message.count) == 1
                && EVP_DigestFinal_ex(context.digest, digest.baseAddress, &length) == 1
                && EVP_PKEY_verify(
                    context.signature, signatureBytes.assumingMemoryBound(to: UInt8.self), signature.count,
                    digest.baseAddress, Int(length)) == 1
        }
        if !verified {
            // A bad signature leaves messages on this thread's queue; they must not leak into later errors.
            OpenSSLErrorQueue.clear()
        }
        return verified
    }

    private func makeContext() throws -> VerificationContext {
        let context = try VerificationContext(key: key)
        guard EVP_PKEY_verify_init(context.signature) == 1 else {
            throw CryptoError.openSSL(.invalidKey, "EVP_PKEY_verify_init")
        }
        switch scheme {
        case .ecdsa:
            break
        case .rsaPSSSHA256:
            let sha256 = MessageDigestAlgorithm.sha256.pointer
            guard EVP_PKEY_CTX_set_rsa_padding(context.signature, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_signature_md(context.signature, sha256) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(context.signature, sha256) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(context.signature, RSA_PSS_SALTLEN_AUTO) == 1
            else {
                throw CryptoError.openSSL(.invalidKey, "configuring RSASSA-PSS with SHA-256")
            }
        }
        return context
    }
}
