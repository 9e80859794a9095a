internal import COpenSSL

/// An ECDSA P-256 signature, kept as the fixed-width pair r || s.
public struct ECDSASignature: Sendable, Hashable {
    /// Length of one scalar (r or s) in bytes.
    static let scalarByteCount = 32

    /// r || s, each a 32-byte big-endian integer: the form COSE (RFC 9053 section 2.1) and JOSE use.
    public let rawRepresentation: [UInt8]

    /// Wraps a 64-byte r || s signature.
    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 2 * Self.scalarByteCount else {
            throw CryptoError(.invalidInput, "a raw P-256 signature is 64 bytes, got \(rawRepresentation.count)")
        }
        self.rawRepresentation = rawRepresentation
    }

    /// Parses a DER Ecdsa-Sig-Value (RFC 3279 section 2.2.3), SEQUENCE { r INTEGER, s INTEGER }.
    public init(derRepresentation: [UInt8]) throws {
        self.rawRepresentation = try derRepresentation.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let signature = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else {
                throw CryptoError.openSSL(.invalidInput, "d2i_ECDSA_SIG")
            }
            defer { ECDSA_SIG_free(signature) }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                throw CryptoError(.invalidInput, "trailing bytes after the DER signature")
            }
            var r: OpaquePointer?
            var s: OpaquePointer?
            ECDSA_SIG_get0(signature, &r, &s)
            var raw = [UInt8](repeating: 0, count: 2 * Self.scalarByteCount)
            for (index, scalar) in [r, s].enumerated() {
                guard let scalar, BN_is_negative(scalar) == 0 else {
                    throw CryptoError(.invalidInput, "negative or missing scalar in the DER signature")
                }
                let written = raw.withUnsafeMutableBufferPointer { out in
                    BN_bn2binpad(scalar, out.baseAddress! + index * Self.scalarByteCount, Int32(Self.scalarByteCount))
                }
                guard written == Int32(Self.scalarByteCount) else {
                    OpenSSLErrorQueue.clear()
                    throw CryptoError(.invalidInput, "a DER signature scalar is longer than 32 bytes")
                }
            }
            return raw
        }
    }

    /// The DER Ecdsa-Sig-Value (RFC 3279 section 2.2.3) form, with minimal INTEGER encodings.
    public var derRepresentation: [UInt8] {
        withDERRepresentation { [UInt8]($0) }
    }
}
