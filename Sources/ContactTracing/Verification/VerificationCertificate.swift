public import CryptoCore
import Foundation

/// A verification certificate: the claims as a compact JWS (RFC 7515) signed with ES256 (RFC 7518 section 3.4),
/// the signature being the raw r || s of ECDSA P-256 over SHA-256 of `header.payload`.
public enum VerificationCertificate {
    /// `typ` is optional: a verification server of another operator may leave it out.
    private struct Header: Codable {
        let alg: String
        let kid: String
        let typ: String?
    }

    /// How far ahead of ours a verification server's clock may be: its certificate's `nbf` may lie this many
    /// seconds in our future.
    public static let clockSkew: Int64 = 60

    /// The compact JWS of `claims`, signed by `signer` and naming `keyID` in its header.
    public static func sign(_ claims: VerificationClaims, keyID: String, with signer: P256Signer) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = Base64URL.encode(try encoder.encode(Header(alg: "ES256", kid: keyID, typ: "JWT")))
        let payload = Base64URL.encode(try encoder.encode(claims))
        let signingInput = header + "." + payload
        do {
            let signature = try signer.signature(for: Array(signingInput.utf8))
            return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
        } catch let error as CryptoError {
            throw ContactTracingError(.cryptoFailure, error.description)
        }
    }

    /// The claims of `certificate` after checking its form, its ES256 signature under the key its `kid` names
    /// among `keys`, its audience, and that it is valid at `now` (unix seconds): not before its `nbf`, not from its
    /// `exp` on.
    public static func verify(
        _ certificate: String, keys: [String: P256PublicKey], audience: String = VerificationClaims.keyServerAudience,
        at now: Int64
    ) throws -> VerificationClaims {
        try verify(certificate, audience: audience, at: now) { _, kid in keys[kid] }
    }

    /// As ``verify(_:keys:audience:at:)``, with the key its `iss` and `kid` name among `keysByIssuer` (issuer →
    /// kid → key): certificates of several verification servers, each with its own keys.
    public static func verify(
        _ certificate: String, keysByIssuer: [String: [String: P256PublicKey]],
        audience: String = VerificationClaims.keyServerAudience, at now: Int64
    ) throws -> VerificationClaims {
        try verify(certificate, audience: audience, at: now) { issuer, kid in keysByIssuer[issuer]?[kid] }
    }

    /// The claims are read before the signature is checked only to find the key; nothing in them is used until
    /// the signature under that key verifies.
    private static func verify(
        _ certificate: String, audience: String, at now: Int64,
        key lookup: (_ issuer: String, _ kid: String) -> P256PublicKey?
    ) throws -> VerificationClaims {
        let parts = certificate.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let payloadBytes = Base64URL.decode(parts[1]), let signatureBytes = Base64URL.decode(parts[2])
        else {
            throw ContactTracingError(.invalidCertificate, "not a compact JWS")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: Data(headerBytes)), header.alg == "ES256" else {
            throw ContactTracingError(.invalidCertificate, "header is not an ES256 JWS header")
        }
        guard let claims = try? decoder.decode(VerificationClaims.self, from: Data(payloadBytes)) else {
            throw ContactTracingError(.invalidCertificate, "the claims do not have the certificate's shape")
        }
        guard let key = lookup(claims.issuer, header.kid) else {
            throw ContactTracingError(
                .invalidCertificate,
                "no certificate key of issuer \(claims.issuer.prefix(40)) has kid \(header.kid.prefix(40))")
        }
        guard let signature = try? ECDSASignature(rawRepresentation: signatureBytes),
            key.isValidSignature(signature, for: Array(certificate.utf8[..<parts[1].endIndex]))
        else {
            throw ContactTracingError(.invalidCertificate, "the signature does not verify")
        }
        guard claims.audience == audience else {
            throw ContactTracingError(.invalidCertificate, "the certificate is for another audience")
        }
        if let notBefore = claims.notBefore, now + clockSkew < notBefore {
            throw ContactTracingError(.invalidCertificate, "the certificate is not valid before \(notBefore)")
        }
        guard now < claims.expiresAt else {
            throw ContactTracingError(.certificateExpired, "the certificate expired at \(claims.expiresAt)")
        }
        return claims
    }
}
