import CryptoCore
public import Foundation

/// Verifies HC1 strings offline against a trust list: prefix, Base45, zlib, COSE, kid, signature, expiry,
/// key usage, schema and value sets, then revocation when a revocation list is given; each step reported. A
/// technically valid certificate is then held to the destination's entry rules, when the verifier has some.
public struct CertificateVerifier: Sendable {
    public let trustList: TrustList
    /// The revocation batches to honour; nil skips the revocation step.
    public var revocationList: RevocationList?
    /// The value sets coded members are checked against.
    public var valueSets: ValueSets
    /// The entry rules and destination a technically valid certificate is checked against; nil checks none.
    public var entryRules: EntryRuleCheck?
    public var decoder = CBORDecoder()
    public var maximumDecompressedSize = Zlib.defaultMaximumOutputSize

    public init(trustList: TrustList, revocationList: RevocationList? = nil, valueSets: ValueSets = .european) {
        self.trustList = trustList
        self.revocationList = revocationList
        self.valueSets = valueSets
    }

    public func verify(_ hc1String: String, at now: Date = Date()) -> VerificationResult {
        var result = VerificationResult()
        guard let message = decode(hc1String, into: &result) else { return result }
        let (cose, claims) = message
        let certificate = HealthCertificate(cbor: claims.healthCertificate)
        result.keyID = cose.keyID
        result.country = claims.issuer
        result.type = certificate.type
        result.issuedAt = claims.issuedAt
        result.expiresAt = claims.expiresAt
        result.healthCertificate = certificate

        let signer = checkSignature(cose, into: &result)
        if result.country == nil { result.country = signer?.country }
        checkExpiry(claims, signer: signer, at: now, into: &result)
        if let signer { checkKeyUsage(signer, type: certificate.type, into: &result) }
        do {
            try certificate.validate()
            result.checks.schema = true
        } catch {
            result.checks.schema = false
            result.record(error)
        }
        do {
            try ValueSetCheck(valueSets: valueSets).check(certificate)
            result.checks.valueSets = true
        } catch {
            result.checks.valueSets = false
            result.record(error)
        }
        if let revocationList, let keyID = cose.keyID, result.checks.stepsBeforeRevocationPassed {
            let subject = RevocationSubject(keyID: keyID, cose: cose, claims: claims, certificate: certificate)
            checkRevocation(subject, against: revocationList, into: &result)
        }
        if let entryRules, result.isValid, let issuedAt = claims.issuedAt, let expiresAt = claims.expiresAt {
            result.rules = entryRules.evaluate(
                certificate, issuer: result.country, issuedAt: issuedAt, expiresAt: expiresAt, at: now)
        }
        return result
    }

    /// Whether a batch for the certificate's kid lists one of its revocation hashes.
    func checkRevocation(
        _ subject: RevocationSubject, against list: RevocationList, into result: inout VerificationResult
    ) {
        if let hashType = list.revocation(of: subject) {
            result.checks.revocation = false
            result.record(CertificateError(.revoked, "listed in a \(hashType.rawValue) revocation batch"))
        } else {
            result.checks.revocation = true
        }
    }

    /// Runs the transport and structure steps; nil once one fails.
    func decode(_ hc1String: String, into result: inout VerificationResult) -> (COSESign1, CWTClaims)? {
        let base45Text: Substring
        do {
            base45Text = try HC1Codec.stripPrefix(hc1String)
            result.checks.prefix = true
        } catch {
            result.checks.prefix = false
            result.record(error)
            return nil
        }
        let compressed: [UInt8]
        do {
            compressed = try Base45.decode(base45Text)
            result.checks.base45 = true
        } catch {
            result.checks.base45 = false
            result.record(error)
            return nil
        }
        let coseBytes: [UInt8]
        do {
            coseBytes = try Zlib.decompress(compressed, maximumOutputSize: maximumDecompressedSize)
            result.checks.decompress = true
        } catch {
            result.checks.decompress = false
            result.record(error)
            return nil
        }
        do {
            let cose = try COSESign1(decoding: coseBytes, decoder: decoder)
            let claims = try CWTClaims(decoding: cose.payload, decoder: decoder)
            result.checks.cose = true
            return (cose, claims)
        } catch {
            result.checks.cose = false
            result.record(error)
            return nil
        }
    }

    /// The kid and signature steps; returns the signer whose key verified the signature.
    func checkSignature(_ cose: COSESign1, into result: inout VerificationResult) -> TrustedSigner? {
        guard let keyID = cose.keyID else {
            result.checks.kid = false
            result.record(CertificateError(.missingKid, "neither header has a kid"))
            return nil
        }
        let candidates = trustList.signers(for: keyID)
        guard !candidates.isEmpty else {
            result.checks.kid = false
            result.record(CertificateError(.unknownKid, "no trusted signer has this kid"))
            return nil
        }
        result.checks.kid = true
        let input = cose.signatureInput
        var failures: [CertificateError] = []
        for signer in candidates {
            do throws(CertificateError) {
                try SignatureCheck.verify(cose.signature, over: input, algorithm: cose.algorithm, key: signer.publicKey)
                result.checks.signature = true
                return signer
            } catch {
                failures.append(error)
            }
        }
        let sameKind = failures.allSatisfy { $0.code == failures[0].code }
        let failure =
            sameKind ? failures[0] : CertificateError(.signatureInvalid, "no signer with this kid verifies it")
        result.checks.signature = false
        result.record(failure)
        return nil
    }

    /// iat ≤ now ≤ exp (hcert spec §3.3.1), and the signer's own certificate in force now, as the verifier page
    /// checks it; the certificate's own dates are reported before its signer's, as they are the holder's problem.
    func checkExpiry(
        _ claims: CWTClaims, signer: TrustedSigner?, at now: Date, into result: inout VerificationResult
    ) {
        guard let issuedAt = claims.issuedAt, let expiresAt = claims.expiresAt else {
            result.checks.expiry = false
            result.record(CertificateError(.missingTimestamp, "the CWT lacks a usable iat or exp"))
            return
        }
        if now < issuedAt {
            result.checks.expiry = false
            result.record(CertificateError(.notYetValid, "issued at \(ISO8601.format(issuedAt))"))
        } else if now > expiresAt {
            result.checks.expiry = false
            result.record(CertificateError(.expired, "expired at \(ISO8601.format(expiresAt))"))
        } else if let signer, now < signer.certificate.notValidBefore {
            result.checks.expiry = false
            result.record(CertificateError(.notYetValid, "the signer's certificate is not yet valid"))
        } else if let signer, now > signer.certificate.notValidAfter {
            result.checks.expiry = false
            result.record(CertificateError(.expired, "the signer's certificate expired"))
        } else {
            result.checks.expiry = true
        }
    }

    func checkKeyUsage(_ signer: TrustedSigner, type: CertificateType?, into result: inout VerificationResult) {
        guard let type else {
            result.checks.keyUsage = false
            result.record(CertificateError(.keyUsageMismatch, "the payload has no single certificate type"))
            return
        }
        if signer.allows(type) {
            result.checks.keyUsage = true
        } else {
            result.checks.keyUsage = false
            result.record(CertificateError(.keyUsageMismatch, "the DSC may not sign type \(type.rawValue)"))
        }
    }
}
