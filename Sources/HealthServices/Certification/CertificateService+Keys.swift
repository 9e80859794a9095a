public import Certificates
public import CryptoCore
import Foundation

extension CertificateService {
    /// Adds a DSC that signs from `from` (default: now) for `validDays`; the one it supersedes stays published until
    /// it expires, so no certificate in circulation stops verifying. Audited with the new kid. The key is written
    /// first, invisible to servers until its certificate follows the audit entry; a failed audit removes it again.
    public func rotateDocumentSigner(
        validDays: Int, from: Timestamp?, by principal: Principal
    ) async throws -> SignerKeyStore.NewDocumentSigner {
        let now = clock.now()
        let keyStore = try authority.keyStore()
        let signer: SignerKeyStore.NewDocumentSigner
        do {
            signer = try keyStore.makeDocumentSigner(
                validDays: validDays, from: (from ?? now).foundationDate, now: now.foundationDate)
        } catch let error as CertificateError {
            throw ServiceError(.keyRotationRefused, "The DSC was not rotated: \(error.reason).")
        }
        try await store.audit(
            AuditEvent(
                by: principal, "keys.rotate", subject: "dsc:\(signer.keyID)",
                details: [
                    "number": String(signer.number),
                    "validFrom": Timestamp(signer.certificate.notValidBefore).iso8601,
                    "validUntil": Timestamp(signer.certificate.notValidAfter).iso8601,
                ]),
            at: now
        ) { keyStore.discard(signer) }
        do {
            try keyStore.publish(signer)
        } catch let error as CertificateError {
            throw ServiceError(
                .keyRotationIncomplete,
                "The rotation is audited but DSC \(signer.number)'s certificate was not written: \(error.reason).")
        }
        return signer
    }
}

extension CertificateService {
    /// Withdraws the DSC whose kid (base64) is `keyID`, for a key that leaked: it stops signing and leaves the trust
    /// list at once, and everything it signed fails verification as `unknown-kid`. Refused while it is the only DSC
    /// that can sign now (rotate first). Audited; the withdrawal is undone when its audit entry cannot be written.
    public func withdrawDocumentSigner(keyID: String, by principal: Principal) async throws -> SignerKeyRing.Signer {
        let now = clock.now()
        let keyStore = try authority.keyStore()
        let ring: SignerKeyRing
        do {
            ring = try keyStore.ring()
        } catch let error as CertificateError {
            throw ServiceError(.keyWithdrawalRefused, "The keys do not read: \(error.reason).")
        }
        guard let signer = ring.signer(keyID: keyID) else {
            throw ServiceError(.documentSignerNotFound, "No DSC of ours has this kid.")
        }
        guard !signer.isWithdrawn(at: now.foundationDate) else {
            throw ServiceError(.alreadyWithdrawn, "This DSC is already withdrawn.")
        }
        guard ring.signers.contains(where: { $0.number != signer.number && $0.canSign(at: now.foundationDate) }) else {
            throw ServiceError(
                .lastDocumentSigner,
                "No other DSC could sign: run `healthctl keys rotate` first, then withdraw this one.")
        }
        do {
            try keyStore.withdraw(number: signer.number, at: now.foundationDate)
        } catch let error as CertificateError {
            throw ServiceError(.keyWithdrawalRefused, "The DSC was not withdrawn: \(error.reason).")
        }
        try await store.audit(
            AuditEvent(
                by: principal, "keys.withdraw", subject: "dsc:\(signer.keyID)",
                details: ["number": String(signer.number)]),
            at: now
        ) { keyStore.undoWithdrawal(number: signer.number) }
        return signer
    }
}

extension ServiceError.Code {
    public static let keyWithdrawalRefused = Self("key-withdrawal-refused", .unprocessable)
    public static let documentSignerNotFound = Self("document-signer-not-found", .notFound)
    public static let alreadyWithdrawn = Self("already-withdrawn", .conflict)
    public static let lastDocumentSigner = Self("last-document-signer", .conflict)
    public static let keyRotationRefused = Self("key-rotation-refused", .unprocessable)
    public static let keyRotationIncomplete = Self("key-rotation-incomplete", .unprocessable)
}

extension CertificateService {
    /// Adds a CSCA for the same country, valid `validDays` from now; the next `rotateDocumentSigner` is certified by
    /// it, and the DSCs the older CSCA certified keep signing and verifying until they expire. Send the new CSCA to
    /// the DCC gateway beside the old one. Audited; the key is written first and the certificate after the audit
    /// entry, and the key is removed again when the entry cannot be written.
    public func rotateCountrySigner(validDays: Int, by principal: Principal) async throws -> X509Certificate {
        let now = clock.now()
        let keyStore = try authority.keyStore()
        let created: SignerKeyStore.NewCountrySigner
        do {
            created = try keyStore.makeCountrySigner(validDays: validDays, now: now.foundationDate)
        } catch let error as CertificateError {
            throw ServiceError(.keyRotationRefused, "The CSCA was not rotated: \(error.reason).")
        }
        try await store.audit(
            AuditEvent(
                by: principal, "keys.rotate-csca", subject: "csca:\(created.number)",
                details: [
                    "validFrom": Timestamp(created.certificate.notValidBefore).iso8601,
                    "validUntil": Timestamp(created.certificate.notValidAfter).iso8601,
                ]),
            at: now
        ) { keyStore.discard(created) }
        do {
            try keyStore.publish(created)
        } catch let error as CertificateError {
            throw ServiceError(
                .keyRotationIncomplete,
                "The rotation is audited but CSCA \(created.number)'s certificate was not written: \(error.reason).")
        }
        return created.certificate
    }
}
