internal import COpenSSL

/// Owns one OpenSSL `X509` and frees it with the last reference.
///
/// `@unchecked Sendable` because the certificate is never modified once parsed, and OpenSSL 3 supports
/// concurrent read-only use of an `X509` (the extension cache it fills lazily is guarded by the object's own lock).
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Parses DER with OpenSSL's decoder, which accepts the slightly non-strict encodings real signers produce.
    init(derEncoded der: [UInt8]) throws {
        self.pointer = try der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else {
                throw CryptoError.openSSL(.invalidCertificate, "d2i_X509")
            }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                X509_free(certificate)
                throw CryptoError(.invalidCertificate, "trailing bytes after the certificate")
            }
            return certificate
        }
    }

    deinit {
        X509_free(pointer)
    }
}
