public import Certificates

extension CertificateService {
    /// The DCC payload of one of our certificates, decoded from its HC1 string (whichever of our DSCs signed it).
    public func payload(of certificate: IssuedCertificate) throws -> JSONValue {
        guard
            let payload = CertificateVerifier(trustList: authority.completeTrustList).verify(certificate.hc1)
                .healthCertificate
        else {
            throw ServiceError(.certificateUnreadable, "The stored certificate could not be decoded.")
        }
        return payload.json
    }
}

extension ServiceError.Code {
    public static let certificateUnreadable = Self("certificate-unreadable", .unprocessable)
}
