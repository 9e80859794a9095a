public import Certificates
import Foundation

extension CertificateService {
    /// Signs a DCC payload an operator brings (eu-dcc-schema JSON: a certificate made outside the records, such as
    /// one re-issued by hand), with our document signer, valid `validityDays` from now, held to the rules the records
    /// path keeps (``payloadExpiryLimit(_:at:)``): real dates, a recovery certificate expiring at the end of `du`. Audited, with its UVCI and nothing of the person. It is not stored as a record,
    /// so `cert revoke` cannot reach it: only withdrawing its DSC ends it early. Like every certificate, it expires no
    /// later than its DSC. The signed string is returned only once the audit entry is written.
    public func issue(payload: JSONValue, validityDays: Int, by principal: Principal) async throws -> String {
        let now = clock.now()
        guard let issuer = authority.issuer(at: now) else {
            throw ServiceError(
                .certificateNotIssuable, "No document signer can sign now (expired or withdrawn): rotate the keys.")
        }
        let certificate = try issuer.prepare(payload)
        let entryLimit = try Self.payloadExpiryLimit(certificate, at: now)
        if let entryLimit, entryLimit <= now {
            throw ServiceError(
                .certificateNotIssuable,
                "The recovery's validity ended at \(entryLimit.iso8601), with du.")
        }
        var expiry = min(now.adding(days: Int64(validityDays)), CertificateAuthority.expiry(of: issuer))
        if let entryLimit { expiry = min(expiry, entryLimit) }
        guard expiry > now else {
            throw ServiceError(.certificateNotIssuable, "The certificate would have no validity: give a day or more.")
        }
        let hc1 = try issuer.issue(
            certificate, issuedAt: now.foundationDate,
            validity: TimeInterval(expiry.secondsSinceEpoch - now.secondsSinceEpoch))
        try await store.write { transaction in
            // A UVCI of a stored certificate would share its fate: revoked with it, or already revoked (a hand
            // reissue giving the old certificate's ci would be refused by every verifier holding our revocations).
            if let uvci = certificate.certificateIdentifier, try await transaction.certificates.isIssued(uvci: uvci) {
                throw ServiceError(
                    .uvciInUse, "A certificate of the records carries this ci; leave ci out to have a new one made.")
            }
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

extension ServiceError.Code {
    public static let uvciInUse = Self("uvci-in-use", .conflict)
}
