public import HealthServices
public import Logging

extension RecurringJob {
    /// Issues the certificates that waited for a document signer, once a rotation gives one: at start and then every
    /// `interval` (``CertificateService/issueCertificatesWaitingForSigner()``).
    public static func signerWaits(
        _ certificates: CertificateService, interval: Duration = .seconds(60), logger: Logger
    ) -> RecurringJob {
        RecurringJob("signer waits", every: interval, logging: "issued", logger: logger) {
            try await certificates.issueCertificatesWaitingForSigner()
        }
    }
}
