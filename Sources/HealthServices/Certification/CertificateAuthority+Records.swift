import Certificates
import CryptoCore
import Foundation

/// Certificates from records: what each kind certifies, for how long, and how a person's name is written.
extension CertificateAuthority {
    /// A vaccination certificate's signature expires a year after issue (the EU acceptance period of a primary
    /// course is decided by verifiers' business rules, not by the signature).
    static let vaccinationValidityDays: Int64 = 365
    /// A test certificate expires 72 hours after the sample was taken.
    static let testValiditySeconds: Int64 = 72 * 3600

    /// When the test certificate of a sample taken at `sampledAt` expires.
    static func testCertificateExpiry(sampledAt: Timestamp) -> Timestamp {
        sampledAt.adding(seconds: testValiditySeconds)
    }
    /// A recovery certificate is valid from day 11 to day 180 after the first positive PCR sample.
    /// The end (in Bahrain) of the last day a recovery certificate of an infection first sampled positive on
    /// `firstPositive` is valid: its `du`.
    static func recoveryCertificateExpiry(firstPositive: CalendarDate) -> Timestamp {
        let dayAfter = CalendarDate(daysSinceEpoch: firstPositive.daysSinceEpoch + recoveryValidUntilDay + 1)
        return Timestamp(startOfCivilDay: dayAfter).adding(seconds: -1)
    }

    static let recoveryValidFromDay: Int64 = 11
    static let recoveryValidUntilDay: Int64 = 180

    func vaccinationCertificate(
        for vaccination: Vaccination, product: CareService, holder: Person, at now: Timestamp,
        cardNotBefore: Timestamp? = nil
    ) throws -> IssuedCertificate {
        guard let productCode = product.productCode else {
            throw ServiceError(.certificateNotIssuable, "The vaccine service has no EU product code.")
        }
        let entry = VaccinationEntry(
            productCode: productCode, doseNumber: vaccination.doseNumber, totalDoses: vaccination.totalDoses,
            date: vaccination.administeredAt.civilDate.iso8601, country: vaccination.country, issuer: issuerName)
        return try issue(
            .vaccination(entry), holder: holder, at: now, until: now.adding(days: Self.vaccinationValidityDays),
            vaccinationID: vaccination.id, resultID: nil, lot: vaccination.lot, cardNotBefore: cardNotBefore)
    }

    /// The test certificate of a negative result; nil when its 72 hours are already over. A rapid antigen result
    /// gives none yet (`device-needed`) without its device, or with one `listedDevices` (the EU list as this server
    /// holds it) does not name: every verifier's value-set check would refuse it.
    func testCertificate(
        for result: LabResult, holder: Person, listedDevices: Set<String>, at now: Timestamp,
        cardNotBefore: Timestamp? = nil
    ) throws -> IssuedCertificate? {
        let expiry = Self.testCertificateExpiry(sampledAt: result.sampledAt)
        guard expiry > now else { return nil }
        if result.test == .rapidAntigen {
            guard let device = result.device else {
                throw ServiceError(
                    .deviceNeeded, "A rapid antigen test certificate names its device; the lab has not given it yet.")
            }
            guard listedDevices.contains(device) else {
                throw ServiceError(
                    .deviceNeeded,
                    "The rapid antigen device \(device) is not in the EU list of rapid antigen tests this server holds."
                )
            }
        }
        let entry = DiagnosticTestEntry(
            kind: result.test == .pcr ? .nucleicAcidAmplification : .rapidAntigen,
            sampleCollectedAt: result.sampledAt.foundationDate, result: .notDetected, country: country,
            issuer: issuerName, deviceIdentifier: result.device)
        return try issue(
            .test(entry), holder: holder, at: now, until: expiry, vaccinationID: nil, resultID: result.id,
            cardNotBefore: cardNotBefore)
    }

    /// The recovery certificate of a positive PCR result whose infection's first positive sample was taken on
    /// `firstPositive`; nil when its 180 days are already over (a result entered or corrected late is still
    /// recorded, without a certificate).
    func recoveryCertificate(
        for result: LabResult, firstPositive: CalendarDate, holder: Person, at now: Timestamp,
        cardNotBefore: Timestamp? = nil
    ) throws -> IssuedCertificate? {
        let validFrom = CalendarDate(daysSinceEpoch: firstPositive.daysSinceEpoch + Self.recoveryValidFromDay)
        let validUntil = CalendarDate(daysSinceEpoch: firstPositive.daysSinceEpoch + Self.recoveryValidUntilDay)
        let endOfLastDay = Self.recoveryCertificateExpiry(firstPositive: firstPositive)
        guard endOfLastDay > now else { return nil }
        let entry = RecoveryEntry(
            firstPositiveResult: firstPositive.iso8601, validFrom: validFrom.iso8601, validUntil: validUntil.iso8601,
            country: country, issuer: issuerName)
        return try issue(
            .recovery(entry), holder: holder, at: now, validFrom: Timestamp(startOfCivilDay: validFrom),
            until: endOfLastDay, vaccinationID: nil, resultID: result.id, cardNotBefore: cardNotBefore)
    }

    /// The test or recovery certificate of a lab result (a recovery dated from `firstPositive`, see
    /// ``RecordTransaction/firstPositiveSample(of:)``; a test naming a device of `listedDevices`); nil when its
    /// validity is already over. Its card is valid from `cardNotBefore` (default: now; see
    /// ``cardNotBefore(at:after:)``).
    func certificate(
        _ type: CertificateType, for result: LabResult, firstPositive: CalendarDate, holder: Person,
        listedDevices: Set<String>, at now: Timestamp, cardNotBefore: Timestamp? = nil
    ) throws -> IssuedCertificate? {
        type == .recovery
            ? try recoveryCertificate(
                for: result, firstPositive: firstPositive, holder: holder, at: now, cardNotBefore: cardNotBefore)
            : try testCertificate(
                for: result, holder: holder, listedDevices: listedDevices, at: now, cardNotBefore: cardNotBefore)
    }

    /// The revocation list of our revoked certificates that have not expired yet.
    func revocationList(of revoked: [IssuedCertificate], at now: Timestamp) throws -> RevocationList {
        do throws(CertificateError) {
            return try RevocationList(revokingHC1Strings: revoked.filter { $0.expiresAt > now }.map(\.hc1))
        } catch {
            throw ServiceError(.certificateUnreadable, "A revoked certificate could not be decoded: \(error.code).")
        }
    }

    /// Signs the payload for `holder`, valid from now until `until` (no later than the DSC's own expiry), and the
    /// SMART Health Card of the same payload, revocable by the record's id and valid from `cardNotBefore`.
    ///
    /// It waits for a DSC (`signer-needed`) when none can sign now, or when the DSC expires before the certificate's
    /// own validity begins at `validFrom` (a recovery's `df`): signed anyway, it would never be valid.
    private func issue(
        _ entry: DCCPayload.Entry, holder person: Person, at now: Timestamp, validFrom: Timestamp? = nil,
        until: Timestamp, vaccinationID: String?, resultID: String?, lot: String? = nil, cardNotBefore: Timestamp?
    ) throws -> IssuedCertificate {
        let holder = Self.holder(person)
        let payload = DCCPayload(holder: holder, entry: entry)
        guard let issuer = issuer(at: now) else {
            throw ServiceError(
                .signerNeeded, "No document signer can sign now (expired or withdrawn); a key rotation issues it.")
        }
        let expiry = min(until, Self.expiry(of: issuer))
        guard expiry > max(now, validFrom ?? now) else {
            throw ServiceError(
                .signerNeeded,
                "The document signer expires before the certificate would be valid; a key rotation issues it.")
        }
        do throws(CertificateError) {
            let certificate = try issuer.prepare(payload)
            guard let uvci = certificate.certificateIdentifier else {
                throw CertificateError(.invalidPayload, "no UVCI")
            }
            let hc1 = try issuer.issue(
                certificate, issuedAt: now.foundationDate,
                validity: TimeInterval(expiry.secondsSinceEpoch - now.secondsSinceEpoch))
            let healthCards = self.healthCards
            let card = try healthCards.signer.sign(
                bundle: try HealthCardBundle.make(holder: holder, certificate: certificate, lot: lot),
                revocationID: healthCards.revocationID(forRecord: vaccinationID ?? resultID ?? uvci),
                notBefore: (cardNotBefore ?? now).secondsSinceEpoch)
            return IssuedCertificate(
                id: OpaqueID.make("cert"), personId: person.id, type: payload.type, uvci: uvci, hc1: hc1,
                vaccinationId: vaccinationID, resultId: resultID, issuedAt: now, expiresAt: expiry, revokedAt: nil,
                revocationReason: nil, healthCard: card)
        } catch  where error.code == .nameNeedsLatinForm {
            throw ServiceError(.nameNeedsLatinForm, "The holder's name needs its Latin form from the register.")
        } catch {
            throw ServiceError(.certificateNotIssuable, "The certificate could not be built: \(error.code).")
        }
    }

    /// The last second `issuer`'s DSC is valid: no certificate it signs is valid longer, so a superseded DSC can
    /// leave the trust list when it expires.
    static func expiry(of issuer: CertificateIssuer) -> Timestamp {
        Timestamp(issuer.documentSigner.notValidAfter)
    }

    /// The DCC holder: the names as registered (a name registered whole is split at its last word, as it always
    /// was), their Latin forms when known, and the date of birth as recorded.
    static func holder(_ person: Person) -> CertificateHolder {
        CertificateHolder(
            familyName: person.familyName, givenName: person.givenName, familyNameLatin: person.familyNameLatin,
            givenNameLatin: person.givenNameLatin, dateOfBirth: person.dateOfBirth.iso8601)
    }
}

extension ServiceError.Code {
    public static let certificateNotIssuable = Self("certificate-not-issuable", .unprocessable)
    public static let signerNeeded = Self(WaitingCertificate.needsSigner, .unprocessable)
}
