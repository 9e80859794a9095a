internal import COpenSSL

/// The bare ECDSA P-256 operations, timed the way `openssl speed ecdsap256` times them: `EVP_PKEY_sign` and
/// `EVP_PKEY_verify` over one fixed 32-byte digest, through contexts set up once.
///
/// Benchmarks run these beside an end-to-end path, in the same process and run, so the ratio between the two is
/// what the path costs beyond the signature itself. Not thread-safe: each benchmark thread makes its own.
public final class P256SpeedReference {
    private let signing: VerificationContext
    private let verifying: VerificationContext
    private let digest: [UInt8]
    private var signature: [UInt8]
    private var signatureLength = ECDSASignature.maximumDERByteCount

    /// Contexts for `privateKey`, and one signature of the digest for `verify()` to check.
    public init(privateKey: P256PrivateKey) throws {
        signing = try VerificationContext(key: privateKey.key)
        verifying = try VerificationContext(key: privateKey.publicKey.key)
        guard EVP_PKEY_sign_init(signing.signature) == 1, EVP_PKEY_verify_init(verifying.signature) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_sign_init / EVP_PKEY_verify_init")
        }
        digest = SHA256.hash([UInt8]("openssl speed ecdsap256".utf8))
        signature = [UInt8](repeating: 0, count: ECDSASignature.maximumDERByteCount)
        guard sign(), verify() else {
            throw CryptoError.openSSL(.internalFailure, "ECDSA P-256 reference signature")
        }
    }

    /// Signs the digest with a fresh nonce; the signature replaces the one `verify()` checks.
    public func sign() -> Bool {
        signatureLength = signature.count
        return EVP_PKEY_sign(signing.signature, &signature, &signatureLength, digest, digest.count) == 1
    }

    /// Verifies the last signature over the digest.
    public func verify() -> Bool {
        EVP_PKEY_verify(verifying.signature, signature, signatureLength, digest, digest.count) == 1
    }
}

@available(*, unavailable)
extension P256SpeedReference: Sendable {}
