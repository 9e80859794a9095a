/// A public key of any algorithm a certificate may carry, sorted into the ones this system can verify with.
public enum PublicKey: Sendable, Hashable {
    /// ECDSA on NIST P-256 (DCC "ES256").
    case p256(P256PublicKey)
    /// RSA (DCC "PS256").
    case rsa(RSAPublicKey)
    /// Anything else, named for people: "EC secp384r1", "Ed25519", ...
    case unsupported(String)

    /// Parses a DER SubjectPublicKeyInfo and sorts it by algorithm and, for EC keys, curve.
    public init(derRepresentation: [UInt8]) throws {
        try self.init(key: EVPKey(publicKeyDER: derRepresentation))
    }

    /// Sorts an already parsed key.
    init(key: EVPKey) throws {
        switch key.keyType {
        case .p256:
            self = .p256(try P256PublicKey(key: key))
        case .rsa:
            self = .rsa(try RSAPublicKey(key: key))
        case .otherEC(let curve):
            self = .unsupported("EC \(curve)")
        case .other(let name):
            self = .unsupported(name)
        }
    }
}
