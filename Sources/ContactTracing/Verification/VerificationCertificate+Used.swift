import CryptoCore

extension VerificationCertificate {
    /// What the key server records of a used certificate: SHA-256 of the JWS signing input (`header.payload`, the
    /// bytes the signature covers) followed by the signature's 32-byte `r`.
    ///
    /// The same certificate has other encodings that verify: ECDSA's `(r, n − s)` is as valid as `(r, s)`, and a
    /// base64url text may differ in the unused bits of its last character. Neither changes the signing input or
    /// `r`, so each is recognised as the certificate already used; a hash of the whole text would not. A new `r`
    /// needs a new signature, which only the certificate key can make.
    public static func usedCertificateHash(_ certificate: String) throws -> [UInt8] {
        let parts = certificate.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]), signature.count == 64 else {
            throw ContactTracingError(.invalidCertificate, "not a compact JWS with an ES256 signature")
        }
        return SHA256.hash(Array(certificate.utf8[..<parts[1].endIndex]) + signature.prefix(32))
    }
}
