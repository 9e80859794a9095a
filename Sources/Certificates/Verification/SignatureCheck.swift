import CryptoCore

/// Checks a COSE signature with a DSC public key under the algorithm the message names (hcert spec §3.3.1).
enum SignatureCheck {
    /// The smallest RSA modulus PS256 signers may use.
    static let minimumRSABits = 2048

    static func verify(
        _ signature: [UInt8],
        over input: [UInt8],
        algorithm: COSEAlgorithm,
        key: PublicKey
    ) throws(CertificateError) {
        switch (algorithm, key) {
        case (.es256, .p256(let publicKey)):
            guard signature.count == 64, let ecdsa = try? ECDSASignature(rawRepresentation: signature) else {
                throw CertificateError(.signatureInvalid, "an ES256 signature is 64 bytes r||s, got \(signature.count)")
            }
            guard publicKey.isValidSignature(ecdsa, for: input) else {
                throw CertificateError(.signatureInvalid, "ES256 signature does not verify")
            }
        case (.ps256, .rsa(let publicKey)):
            guard publicKey.bitCount >= minimumRSABits else {
                throw CertificateError(.weakKey, "RSA key of \(publicKey.bitCount) bits")
            }
            guard publicKey.isValidPSSSignature(signature, for: input) else {
                throw CertificateError(.signatureInvalid, "PS256 signature does not verify")
            }
        case (_, .unsupported(let description)):
            throw CertificateError(.keyAlgorithmMismatch, "\(algorithm.name) with a \(description) key")
        case (.es256, _), (.ps256, _):
            throw CertificateError(.keyAlgorithmMismatch, "\(algorithm.name) with a key of another type")
        }
    }
}
