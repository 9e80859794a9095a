internal import COpenSSL
public import Foundation

/// Issuing certificates with P-256 keys and ECDSA-with-SHA256 signatures.
extension X509Certificate {
    /// A self-signed CA certificate: basicConstraints CA:TRUE (critical), keyUsage keyCertSign and cRLSign
    /// (critical), and a subjectKeyIdentifier.
    public static func selfSignedCA(
        subject: CertificateSubject, key: P256PrivateKey, validFrom: Date, validUntil: Date
    ) throws -> X509Certificate {
        try issue(
            subject: subject, publicKey: key.publicKey, issuer: nil, issuerKey: key,
            extensions: [
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ],
            validFrom: validFrom, validUntil: validUntil)
    }

    /// A leaf certificate signed by `issuer`: basicConstraints CA:FALSE (critical), keyUsage digitalSignature
    /// (critical), extendedKeyUsage with `extendedKeyUsages` (dotted OIDs) when not empty, subject and authority key
    /// identifiers. `issuerKey` must be the private key of `issuer`.
    public static func signed(
        subject: CertificateSubject, publicKey: P256PublicKey, issuer: X509Certificate, issuerKey: P256PrivateKey,
        extendedKeyUsages: [String], validFrom: Date, validUntil: Date
    ) throws -> X509Certificate {
        guard X509_check_private_key(issuer.handle.pointer, issuerKey.key.pointer) == 1 else {
            throw CryptoError.openSSL(.invalidKey, "the issuer key does not match the issuer certificate")
        }
        var extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ]
        if !extendedKeyUsages.isEmpty {
            try extendedKeyUsages.forEach(validateObjectIdentifier)
            extensions.append((NID_ext_key_usage, extendedKeyUsages.joined(separator: ",")))
        }
        return try issue(
            subject: subject, publicKey: publicKey, issuer: issuer, issuerKey: issuerKey, extensions: extensions,
            validFrom: validFrom, validUntil: validUntil)
    }

    /// Builds, signs and re-parses a v3 certificate; `issuer` nil means self-signed.
    private static func issue(
        subject: CertificateSubject, publicKey: P256PublicKey, issuer: X509Certificate?, issuerKey: P256PrivateKey,
        extensions: [(nid: Int32, value: String)], validFrom: Date, validUntil: Date
    ) throws -> X509Certificate {
        guard validFrom < validUntil else {
            throw CryptoError(.invalidInput, "certificate validity ends before it starts")
        }
        guard let certificate = X509_new() else {
            throw CryptoError.openSSL(.internalFailure, "X509_new")
        }
        defer { X509_free(certificate) }
        guard X509_set_version(certificate, Int(X509_VERSION_3)) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "X509_set_version")
        }
        try setRandomSerialNumber(certificate)
        let subjectName = try X509Name(subject)
        guard X509_set_subject_name(certificate, subjectName.pointer) == 1,
            X509_set_issuer_name(
                certificate, issuer.map { X509_get_subject_name($0.handle.pointer) } ?? subjectName.pointer) == 1
        else {
            throw CryptoError.openSSL(.internalFailure, "X509_set_subject_name / X509_set_issuer_name")
        }
        try setTime(X509_getm_notBefore(certificate), to: validFrom)
        try setTime(X509_getm_notAfter(certificate), to: validUntil)
        guard X509_set_pubkey(certificate, publicKey.key.pointer) == 1 else {
            throw CryptoError.openSSL(.invalidKey, "X509_set_pubkey")
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.handle.pointer ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            guard let x509Extension = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw CryptoError.openSSL(.invalidInput, "X509V3_EXT_conf_nid(\(value))")
            }
            defer { X509_EXTENSION_free(x509Extension) }
            guard X509_add_ext(certificate, x509Extension, -1) == 1 else {
                throw CryptoError.openSSL(.internalFailure, "X509_add_ext")
            }
        }
        guard X509_sign(certificate, issuerKey.key.pointer, MessageDigestAlgorithm.sha256.pointer) > 0 else {
            throw CryptoError.openSSL(.internalFailure, "X509_sign")
        }
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &der)
        guard length > 0, let der else {
            throw CryptoError.openSSL(.internalFailure, "i2d_X509")
        }
        defer { copenssl_free(der) }
        return try X509Certificate(derEncoded: [UInt8](UnsafeBufferPointer(start: der, count: Int(length))))
    }

    /// Sets a validity bound to `date`, in whole seconds (UTCTime through 2049, GeneralizedTime after: RFC 5280).
    private static func setTime(_ time: UnsafeMutablePointer<ASN1_TIME>?, to date: Date) throws {
        guard let time, ASN1_TIME_set(time, time_t(date.timeIntervalSince1970.rounded(.down))) != nil else {
            throw CryptoError.openSSL(.invalidInput, "ASN1_TIME_set")
        }
    }

    /// Sets a random positive serial of exactly 16 bytes (RFC 5280 section 4.1.2.2 allows up to 20).
    private static func setRandomSerialNumber(_ certificate: OpaquePointer) throws {
        var bytes = SecureRandom.bytes(count: 16)
        // Clear the sign bit and set the next one, so the INTEGER is positive and keeps all 16 bytes.
        bytes[0] = (bytes[0] & 0x7f) | 0x40
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else {
            throw CryptoError.openSSL(.internalFailure, "BN_bin2bn")
        }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil else {
            throw CryptoError.openSSL(.internalFailure, "BN_to_ASN1_INTEGER")
        }
    }

    /// Accepts only dotted-decimal OIDs, so nothing else can reach OpenSSL's extension configuration syntax.
    private static func validateObjectIdentifier(_ oid: String) throws {
        let arcs = oid.split(separator: ".", omittingEmptySubsequences: false)
        guard arcs.count >= 2, arcs.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw CryptoError(.invalidInput, "'\(oid)' is not a dotted-decimal OID")
        }
        guard let object = OBJ_txt2obj(oid, 1) else {
            throw CryptoError.openSSL(.invalidInput, "OBJ_txt2obj(\(oid))")
        }
        ASN1_OBJECT_free(object)
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
