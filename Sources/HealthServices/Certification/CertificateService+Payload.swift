public import Certificates
import Foundation

extension CertificateService {
    /// Signs a DCC payload an operator brings (eu-dcc-schema JSON: a certificate made outside the records, such as
    /// one re-issued by hand), with our document signer, valid `validityDays` from now. Audited, with its UVCI and
    /// nothing of the person; not stored as a record, so it is revoked by its UVCI on the revocation list. The
    /// signed string is returned only once the audit entry is written.
    public func issue(payload: JSONValue, validityDays: Int, by principal: Principal) async throws -> String {
        let certificate = try authority.issuer.prepare(payload)
        let now = clock.now()
        let hc1 = try authority.issuer.issue(
            certificate, issuedAt: Date(timeIntervalSince1970: TimeInterval(now.secondsSinceEpoch)),
            validity: TimeInterval(validityDays) * 86_400)
        try await store.write { transaction in
            try await transaction.append(
                AuditEvent(
                    by: principal, "certificate.issue-payload",
                    subject: "certificate:\(certificate.certificateIdentifier ?? "-")",
                    details: ["validityDays": String(validityDays)]),
                at: now)
        }
        return hc1
    }
}
