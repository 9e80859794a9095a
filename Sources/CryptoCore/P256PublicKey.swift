/// A NIST P-256 (secp256r1) public key for verifying ECDSA signatures with SHA-256.
public struct P256PublicKey: Sendable, Hashable {
    /// The uncompressed point 04 || X || Y (SEC 1 section 2.3.3), 65 bytes.
    public let x963Representation: [UInt8]
    private let verifier: VerificationContextPool

    /// DER SubjectPublicKeyInfo header for an uncompressed P-256 point (RFC 5480): id-ecPublicKey, prime256v1.
    private static let subjectPublicKeyInfoPrefix: [UInt8] = [
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
        0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
    ]

    /// Parses a DER SubjectPublicKeyInfo; keys on any other curve are rejected with `.invalidKey`.
    public init(derRepresentation: [UInt8]) throws {
        try self.init(key: EVPKey(publicKeyDER: derRepresentation))
    }

    /// Parses a PEM `PUBLIC KEY` block.
    public init(pemRepresentation: String) throws {
        let block = try PEM.block(in: pemRepresentation, labels: ["PUBLIC KEY"], code: .invalidKey)
        try self.init(derRepresentation: block.bytes)
    }

    /// Takes the uncompressed point 04 || X || Y; the point must lie on the curve.
    public init(x963Representation: [UInt8]) throws {
        guard x963Representation.count == 65, x963Representation.first == 0x04 else {
            throw CryptoError(.invalidKey, "a P-256 X9.63 key is 65 bytes starting 04, got \(x963Representation.count)")
        }
        try self.init(derRepresentation: Self.subjectPublicKeyInfoPrefix + x963Representation)
    }

    /// Wraps an already parsed key, which must be on P-256.
    init(key: EVPKey) throws {
        guard case .p256 = key.keyType else {
            throw CryptoError(.invalidKey, "not a P-256 key: \(key.keyType)")
        }
        self.x963Representation = try key.uncompressedP256Point()
        self.verifier = try VerificationContextPool(key: key, scheme: .ecdsa)
    }

    /// The OpenSSL key, for building certificates.
    var key: EVPKey { verifier.key }

    /// The DER SubjectPublicKeyInfo with the point uncompressed.
    public var derRepresentation: [UInt8] {
        Self.subjectPublicKeyInfoPrefix + x963Representation
    }

    /// The PEM `PUBLIC KEY` block.
    public var pemRepresentation: String {
        PEM.encode(derRepresentation, label: "PUBLIC KEY")
    }

    /// Whether `signature` is a valid ECDSA signature over SHA-256(`message`) under this key.
    public func isValidSignature(_ signature: ECDSASignature, for message: [UInt8]) -> Bool {
        message.withUnsafeBytes { isValidSignature(signature, for: $0) }
    }

    /// Whether `signature` is a valid ECDSA signature over SHA-256 of the bytes in `message`, without copying them.
    public func isValidSignature(_ signature: ECDSASignature, for message: UnsafeRawBufferPointer) -> Bool {
        signature.withDERRepresentation { verifier.verify(signature: $0, message: message) }
    }

    /// Keys are equal when they are the same point.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.x963Representation == rhs.x963Representation
    }

    /// Hashes the point.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(x963Representation)
    }
}
