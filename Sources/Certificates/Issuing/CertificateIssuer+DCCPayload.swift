/// Issuing straight from record values.
extension CertificateIssuer {
    /// Completes and validates a payload built from record values, as `prepare` does for payload JSON.
    public func prepare(_ payload: DCCPayload) throws(CertificateError) -> HealthCertificate {
        try prepare(try payload.json())
    }
}
