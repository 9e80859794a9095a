internal import COpenSSL

/// A NIST P-256 (secp256r1) private key for ECDSA signatures with SHA-256.
public struct P256PrivateKey: Sendable {
    /// The matching public key.
    public let publicKey: P256PublicKey
    let key: EVPKey

    /// Generates a new random key.
    public init() throws {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_CTX_new_from_name(EC)")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_keygen_init")
        }
        guard EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_CTX_set_group_name(P-256)")
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(context, &generated) == 1, let generated else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_generate")
        }
        try self.init(key: EVPKey(taking: generated))
    }

    /// Parses a DER private key: PKCS#8 PrivateKeyInfo (RFC 5208) or SEC 1 ECPrivateKey (RFC 5915).
    public init(derRepresentation: [UInt8]) throws {
        try self.init(key: EVPKey(privateKeyDER: derRepresentation))
    }

    /// Parses an unencrypted PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` (SEC 1) block.
    public init(pemRepresentation: String) throws {
        let block = try PEM.block(in: pemRepresentation, labels: ["PRIVATE KEY", "EC PRIVATE KEY"], code: .invalidKey)
        try self.init(derRepresentation: block.bytes)
    }

    private init(key: EVPKey) throws {
        guard case .p256 = key.keyType else {
            throw CryptoError(.invalidKey, "not a P-256 key: \(key.keyType)")
        }
        self.key = key
        self.publicKey = try P256PublicKey(x963Representation: key.uncompressedP256Point())
    }

    /// The unencrypted PKCS#8 PrivateKeyInfo DER.
    public var derRepresentation: [UInt8] {
        do {
            return try MemoryBIO.collect("i2d_PKCS8PrivateKey_bio") { bio in
                i2d_PKCS8PrivateKey_bio(bio, key.pointer, nil, nil, 0, nil, nil) == 1
            }
        } catch {
            // A valid key always encodes; only exhausted memory gets here.
            preconditionFailure("PKCS#8 encoding failed: \(error)")
        }
    }

    /// The unencrypted PEM `PRIVATE KEY` (PKCS#8) block.
    public var pemRepresentation: String {
        PEM.encode(derRepresentation, label: "PRIVATE KEY")
    }

    /// Signs SHA-256(`message`) with ECDSA (FIPS 186-4) using a fresh random nonce.
    public func signature(for message: [UInt8]) throws -> ECDSASignature {
        let digest = SHA256.hash(message)
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_sign_init(context) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_sign_init")
        }
        var der = [UInt8](repeating: 0, count: ECDSASignature.maximumDERByteCount)
        var length = der.count
        guard EVP_PKEY_sign(context, &der, &length, digest, digest.count) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_sign")
        }
        return try ECDSASignature(derRepresentation: Array(der.prefix(length)))
    }
}
