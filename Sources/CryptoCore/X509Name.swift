internal import COpenSSL

/// Owns one OpenSSL `X509_NAME` built from a ``CertificateSubject``.
final class X509Name {
    let pointer: OpaquePointer

    /// Builds C, O, CN (in that order) as UTF8String, except countryName, which OpenSSL makes a PrintableString.
    init(_ subject: CertificateSubject) throws {
        guard !subject.commonName.isEmpty else {
            throw CryptoError(.invalidInput, "a certificate subject needs a commonName")
        }
        guard let name = X509_NAME_new() else {
            throw CryptoError.openSSL(.internalFailure, "X509_NAME_new")
        }
        // From here on deinit frees the name, also when a later step throws.
        self.pointer = name
        let attributes: [(nid: Int32, value: String?)] = [
            (NID_countryName, subject.country),
            (NID_organizationName, subject.organization),
            (NID_commonName, subject.commonName),
        ]
        for (nid, value) in attributes {
            guard let value else { continue }
            let bytes = Array(value.utf8)
            let length = try OpenSSLLength.int32(bytes.count, of: "name attribute")
            guard X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, bytes, length, -1, 0) == 1 else {
                throw CryptoError.openSSL(
                    .invalidInput, "X509_NAME_add_entry_by_NID(\(String(cString: OBJ_nid2sn(nid))))")
            }
        }
    }

    deinit {
        X509_NAME_free(pointer)
    }
}

@available(*, unavailable)
extension X509Name: Sendable {}
