internal import COpenSSL
public import Foundation

/// An X.509 v3 certificate (RFC 5280), such as an EU DCC document signer certificate.
public struct X509Certificate: Sendable, Hashable {
    /// The DER bytes exactly as received; fingerprints and key IDs are computed over these, never a re-encoding.
    public let derRepresentation: [UInt8]
    /// The subject as a one-line RFC 2253 string, most significant RDN last ("CN=DSC 1,O=Ministry,C=BH").
    public let subject: String
    /// The issuer as a one-line RFC 2253 string.
    public let issuer: String
    /// The subject's countryName (C=) attribute, if present.
    public let subjectCountry: String?
    /// The serial number's magnitude, big-endian, without leading zero bytes.
    public let serialNumber: [UInt8]
    /// Start of the validity period.
    public let notValidBefore: Date
    /// End of the validity period.
    public let notValidAfter: Date
    /// The subject public key.
    public let publicKey: PublicKey
    /// The extendedKeyUsage purposes as dotted OIDs; empty when the extension is absent.
    public let extendedKeyUsage: [String]
    /// SHA-256 of ``derRepresentation``; its first 8 bytes are the DCC key identifier (kid).
    public let sha256Fingerprint: [UInt8]
    let handle: X509Handle

    /// Parses a DER certificate.
    public init(derEncoded: [UInt8]) throws {
        let handle = try X509Handle(derEncoded: derEncoded)
        let certificate = handle.pointer
        self.handle = handle
        self.derRepresentation = derEncoded
        self.sha256Fingerprint = SHA256.hash(derEncoded)
        self.subject = try Self.distinguishedName(X509_get_subject_name(certificate))
        self.issuer = try Self.distinguishedName(X509_get_issuer_name(certificate))
        self.subjectCountry = try Self.country(in: X509_get_subject_name(certificate))
        self.serialNumber = try Self.serialNumber(of: certificate)
        self.notValidBefore = try Self.date(X509_get0_notBefore(certificate), field: "notBefore")
        self.notValidAfter = try Self.date(X509_get0_notAfter(certificate), field: "notAfter")
        self.publicKey = try Self.publicKey(of: certificate)
        self.extendedKeyUsage = try Self.extendedKeyUsage(of: certificate)
    }

    /// Parses a PEM text holding exactly one `CERTIFICATE` block.
    public init(pemEncoded: String) throws {
        let block = try PEM.block(in: pemEncoded, labels: ["CERTIFICATE"], code: .invalidCertificate)
        try self.init(derEncoded: block.bytes)
    }

    /// Parses every `CERTIFICATE` block of a PEM bundle, in order; other block types and an empty bundle are errors.
    public static func certificates(fromPEM pem: String) throws -> [X509Certificate] {
        let blocks = try PEM.blocks(in: pem, code: .invalidCertificate)
        guard !blocks.isEmpty else {
            throw CryptoError(.invalidCertificate, "no PEM certificate found")
        }
        return try blocks.map { block in
            guard block.label == "CERTIFICATE" else {
                throw CryptoError(.invalidCertificate, "PEM block labelled '\(block.label)' in a certificate bundle")
            }
            return try X509Certificate(derEncoded: block.bytes)
        }
    }

    /// The certificate as a PEM `CERTIFICATE` block.
    public var pemRepresentation: String {
        PEM.encode(derRepresentation, label: "CERTIFICATE")
    }

    /// Whether this certificate's signature verifies under `issuer`'s public key (the signature only: names,
    /// validity and key usage are the caller's policy).
    public func isSigned(by issuer: X509Certificate) -> Bool {
        guard let issuerKey = X509_get0_pubkey(issuer.handle.pointer) else {
            OpenSSLErrorQueue.clear()
            return false
        }
        let result = X509_verify(handle.pointer, issuerKey)
        if result != 1 {
            OpenSSLErrorQueue.clear()
        }
        return result == 1
    }

    /// Certificates are equal when their DER bytes are.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    /// Hashes the DER bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(derRepresentation)
    }
}
