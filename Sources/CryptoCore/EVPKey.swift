internal import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` and frees it with the last reference.
///
/// `@unchecked Sendable` because the key is never modified after creation and OpenSSL 3 supports concurrent
/// read-only use of an `EVP_PKEY` from many threads; every sign or verify works through its own `EVP_PKEY_CTX`
/// or `EVP_MD_CTX`, which is never shared between threads at the same time.
final class EVPKey: @unchecked Sendable {
    /// The algorithm and, for EC keys, the curve.
    enum KeyType: Equatable {
        case p256
        case otherEC(curve: String)
        case rsa
        case other(name: String)
    }

    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Parses a DER SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7); the input must be exactly one SPKI.
    convenience init(publicKeyDER der: [UInt8]) throws {
        let pointer = try der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let key = d2i_PUBKEY(nil, &cursor, buffer.count) else {
                throw CryptoError.openSSL(.invalidKey, "d2i_PUBKEY")
            }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                EVP_PKEY_free(key)
                throw CryptoError(.invalidKey, "trailing bytes after the SubjectPublicKeyInfo")
            }
            return key
        }
        self.init(taking: pointer)
    }

    /// Parses a DER private key: PKCS#8 PrivateKeyInfo (RFC 5208) or a traditional form such as SEC 1 ECPrivateKey.
    convenience init(privateKeyDER der: [UInt8]) throws {
        let pointer = try der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let key = d2i_AutoPrivateKey(nil, &cursor, buffer.count) else {
                throw CryptoError.openSSL(.invalidKey, "d2i_AutoPrivateKey")
            }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                EVP_PKEY_free(key)
                throw CryptoError(.invalidKey, "trailing bytes after the private key")
            }
            return key
        }
        self.init(taking: pointer)
    }

    /// Shares an `EVP_PKEY` owned elsewhere (such as an X509's key) by taking a reference of our own.
    convenience init(sharing pointer: OpaquePointer) throws {
        guard EVP_PKEY_up_ref(pointer) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "EVP_PKEY_up_ref")
        }
        self.init(taking: pointer)
    }

    /// The key's algorithm, with the curve for EC keys.
    var keyType: KeyType {
        switch EVP_PKEY_get_base_id(pointer) {
        case EVP_PKEY_EC:
            guard let curve = curveName else { return .otherEC(curve: "explicit parameters") }
            return curve == "prime256v1" ? .p256 : .otherEC(curve: curve)
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS:
            return .rsa
        case EVP_PKEY_ED25519:
            return .other(name: "Ed25519")
        case EVP_PKEY_ED448:
            return .other(name: "Ed448")
        default:
            return .other(name: EVP_PKEY_get0_type_name(pointer).map { String(cString: $0) } ?? "unknown")
        }
    }

    /// Size of the key in bits (the modulus for RSA, the field for EC).
    var bitCount: Int {
        Int(EVP_PKEY_get_bits(pointer))
    }

    /// The DER SubjectPublicKeyInfo of the key as OpenSSL encodes it.
    func publicKeyDER() throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(pointer, &output)
        guard length > 0, let output else {
            throw CryptoError.openSSL(.invalidKey, "i2d_PUBKEY")
        }
        defer { copenssl_free(output) }
        return [UInt8](UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// The EC public point as 04 || X || Y with 32-byte coordinates, whatever form the key was encoded in.
    func uncompressedP256Point() throws -> [UInt8] {
        var point: [UInt8] = [0x04]
        for parameter in [OSSL_PKEY_PARAM_EC_PUB_X, OSSL_PKEY_PARAM_EC_PUB_Y] {
            var coordinate: OpaquePointer?
            guard EVP_PKEY_get_bn_param(pointer, parameter, &coordinate) == 1, let coordinate else {
                throw CryptoError.openSSL(.invalidKey, "EVP_PKEY_get_bn_param(\(parameter))")
            }
            defer { BN_free(coordinate) }
            var bytes = [UInt8](repeating: 0, count: 32)
            guard BN_bn2binpad(coordinate, &bytes, 32) == 32 else {
                throw CryptoError.openSSL(.invalidKey, "BN_bn2binpad")
            }
            point += bytes
        }
        return point
    }

    /// The short name OpenSSL gives the EC curve (such as "prime256v1" or "secp384r1"), nil for explicit parameters.
    private var curveName: String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 80) { buffer in
            var length = 0
            guard EVP_PKEY_get_group_name(pointer, buffer.baseAddress, buffer.count, &length) == 1 else {
                OpenSSLErrorQueue.clear()
                return nil
            }
            let name = String(cString: buffer.baseAddress!)
            // Map NIST aliases ("P-256") and object names alike to the OID's short name.
            var nid = OBJ_sn2nid(name)
            if nid == NID_undef { nid = EC_curve_nist2nid(name) }
            guard nid != NID_undef, let shortName = OBJ_nid2sn(nid) else { return name }
            return String(cString: shortName)
        }
    }
}
