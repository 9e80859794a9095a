/// An RSA public key for verifying RSASSA-PSS signatures with SHA-256 (the DCC "PS256" algorithm).
public struct RSAPublicKey: Sendable, Hashable {
    /// The DER SubjectPublicKeyInfo as OpenSSL encodes it.
    public let derRepresentation: [UInt8]
    /// The modulus size in bits, such as 2048 or 3072.
    public let bitCount: Int
    private let verifier: VerificationContextPool

    /// Parses a DER SubjectPublicKeyInfo holding an RSA key (rsaEncryption or id-RSASSA-PSS).
    public init(derRepresentation: [UInt8]) throws {
        try self.init(key: EVPKey(publicKeyDER: derRepresentation))
    }

    /// Wraps an already parsed key, which must be RSA.
    init(key: EVPKey) throws {
        guard case .rsa = key.keyType else {
            throw CryptoError(.invalidKey, "not an RSA key: \(key.keyType)")
        }
        self.derRepresentation = try key.publicKeyDER()
        self.bitCount = key.bitCount
        self.verifier = try VerificationContextPool(key: key, scheme: .rsaPSSSHA256)
    }

    /// Whether `signature` is a valid RSASSA-PSS signature (RFC 8017 section 8.1) over `message` with SHA-256 and
    /// MGF1-SHA-256; the salt length is taken from the signature, so 32 (the DCC norm) and others all verify.
    public func isValidPSSSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { verifier.verify(signature: signatureBytes, message: $0) }
        }
    }

    /// Keys are equal when their SubjectPublicKeyInfo encodings are.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    /// Hashes the SubjectPublicKeyInfo encoding.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(derRepresentation)
    }
}
