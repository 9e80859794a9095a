public import CryptoCore
import Foundation

/// A P-256 public key as a JWK (RFC 7517, RFC 7518 §6.2), as health card issuers publish them in
/// `/.well-known/jwks.json`. Members other than these (`x5c`, …) are read past.
public struct JSONWebKey: Sendable, Hashable, Codable {
    public var kty: String
    public var kid: String?
    public var use: String?
    public var alg: String?
    public var crv: String?
    public var x: String?
    public var y: String?
    /// The version of the issuer's revocation list for this key, when it publishes one (SMART Health Cards).
    public var crlVersion: Int?

    /// The JWK of `key`, its kid the thumbprint, for signing health cards.
    public init(signing key: P256PublicKey, crlVersion: Int? = nil) {
        let point = key.x963Representation
        kty = "EC"
        use = "sig"
        alg = "ES256"
        crv = "P-256"
        x = Base64URL.encode(point[1..<33])
        y = Base64URL.encode(point[33..<65])
        self.crlVersion = crlVersion
        kid = thumbprint
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of `{"crv","kty","x","y"}` in that order; nil for a key
    /// that is not EC.
    public var thumbprint: String? {
        guard let crv, let x, let y else { return nil }
        let canonical = JSONValue.object([
            .init("crv", .string(crv)), .init("kty", .string(kty)), .init("x", .string(x)), .init("y", .string(y)),
        ])
        return Base64URL.encode(SHA256.hash(canonical.minifiedText))
    }

    /// The key, when this is an ES256 P-256 key whose kid is its thumbprint, as SMART Health Cards requires.
    public func publicKey() throws(CertificateError) -> P256PublicKey {
        guard kty == "EC", crv == "P-256", alg == nil || alg == "ES256", use == nil || use == "sig" else {
            throw CertificateError(.invalidIssuerList, "not an ES256 P-256 signing key")
        }
        guard let x, let y, let xBytes = Base64URL.decode(x.utf8), let yBytes = Base64URL.decode(y.utf8),
            xBytes.count == 32, yBytes.count == 32
        else {
            throw CertificateError(.invalidIssuerList, "x and y are not 32-byte base64url coordinates")
        }
        guard kid == thumbprint else {
            throw CertificateError(.invalidIssuerList, "the kid is not the key's thumbprint")
        }
        do {
            return try P256PublicKey(x963Representation: [0x04] + xBytes + yBytes)
        } catch {
            throw CertificateError(.invalidIssuerList, "the point is not on P-256")
        }
    }

    enum CodingKeys: String, CodingKey {
        case kty, kid, use, alg, crv, x, y, crlVersion
    }
}

/// A JWK Set: `{"keys": [...]}`.
public struct JSONWebKeySet: Sendable, Hashable, Codable {
    public var keys: [JSONWebKey]

    public init(keys: [JSONWebKey]) {
        self.keys = keys
    }
}
