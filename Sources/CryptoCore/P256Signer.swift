internal import COpenSSL
import Synchronization

/// ECDSA P-256 signing with SHA-256 for hot paths (issuing certificates in bulk): the signing and digest contexts
/// are set up once and reused, so a signature costs the hash and the signing operation only.
///
/// A context serves one thread at a time: `signature(for:)` takes one from the pool (or makes one), uses it and
/// puts it back; at most `capacity` idle contexts are kept.
public final class P256Signer: Sendable {
    public let privateKey: P256PrivateKey
    private let idle = Mutex<[VerificationContext]>([])
    private static let capacity = 16

    /// A signer for `privateKey`; the first context is made at once so an unusable key fails here.
    public init(privateKey: P256PrivateKey) throws {
        self.privateKey = privateKey
        let first = try makeContext()
        idle.withLock { $0.append(first) }
    }

    /// Signs SHA-256(`message`) with ECDSA (FIPS 186-4) using a fresh random nonce, as
    /// `P256PrivateKey.signature(for:)` does.
    public func signature(for message: [UInt8]) throws -> ECDSASignature {
        let context = try idle.withLock({ $0.popLast() }) ?? makeContext()
        defer {
            idle.withLock { contexts in
                if contexts.count < Self.capacity { contexts.append(context) }
            }
        }
        var der = [UInt8](repeating: 0, count: ECDSASignature.maximumDERByteCount)
        var derLength = der.count
        let signed = message.withUnsafeBytes { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: SHA256.byteCount) { digest in
                var length: UInt32 = 0
                return EVP_DigestInit_ex2(context.digest, MessageDigestAlgorithm.sha256.pointer, nil) == 1
                    && EVP_DigestUpdate(context.digest, bytes.baseAddress, bytes.count) == 1
                    && EVP_DigestFinal_ex(context.digest, digest.baseAddress, &length) == 1
                    && EVP_PKEY_sign(context.signature, &der, &derLength, digest.baseAddress, Int(length)) == 1
            }
        }
        guard signed else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_sign")
        }
        return try ECDSASignature(derRepresentation: Array(der.prefix(derLength)))
    }

    private func makeContext() throws -> VerificationContext {
        let context = try VerificationContext(key: privateKey.key)
        guard EVP_PKEY_sign_init(context.signature) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_sign_init")
        }
        return context
    }
}
