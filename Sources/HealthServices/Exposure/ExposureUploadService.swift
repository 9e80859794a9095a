import ContactTracing
import CryptoCore
import Foundation

/// The three steps of a verified key upload: a code for a token, the token for a certificate bound to the keys'
/// HMAC, and the certificate with the keys to publish them. Nothing here sees a person, a name or an address.
package struct ExposureUploadService: Sendable {
    let codes: ExposureVerificationService
    let store: any ExposureStore
    let keys: ExposureKeys
    let configuration: ExposureConfiguration
    package let clock: WallClock
    let validator = DiagnosisKeyValidator()

    init(
        codes: ExposureVerificationService, store: any ExposureStore, keys: ExposureKeys,
        configuration: ExposureConfiguration, clock: WallClock
    ) {
        self.codes = codes
        self.store = store
        self.keys = keys
        self.configuration = configuration
        self.clock = clock
    }

    /// Most keys one publish may carry.
    static let maximumKeys = 30
    /// How long a certificate may be used.
    package static let certificateLifetimeSeconds: Int64 = 15 * 60
    /// How far back a certificate's `iat` and `nbf` lie.
    static let certificateBackdatingSeconds: Int64 = 5

    /// Exchanges a one-time code for a token. The code is used in the health database before the token is stored
    /// in the key server's, which may be another database: should storing the token fail, the code is opened again
    /// and the phone may retry with it. Should the phone never get the answer, it may use the code again within
    /// the retry window: the token stored for the earlier use is then replaced by a new one (see
    /// ``VerificationCodeUse``), in one transaction, so there is never more than one token for a code's use.
    package func verify(code: String, accepting accepted: AcceptedTestTypes = .all) async throws -> TokenGrant {
        let now = clock.now()
        let use = try await codes.consume(code: code, accepting: accepted, at: now)
        let token = ExposureSecret.make()
        // To the hour, as the code's use is stored: an exact expiry would be the use's time plus a constant.
        let expiresAt = now.adding(seconds: VerificationToken.lifetimeSeconds).roundedDown(to: Timestamp.hourSeconds)
        let stored = VerificationToken(
            tokenHash: ExposureSecret.hash(token), testType: use.diagnosis.testType,
            symptomOnsetInterval: use.diagnosis.symptomOnsetInterval, expiresAt: expiresAt, retryTag: use.retryTag,
            retryUntil: use.retryUntil)
        let isStored: Bool
        do {
            isStored = use.isRetry ? try await store.replace(stored) : try await store.insert(stored)
        } catch {
            // Should the health database fail too, the code stays used, as it would have without this. A retry's
            // failure leaves the code as it was: used, within its window.
            if !use.isRetry { try? await codes.release(code: code, use: use) }
            throw error
        }
        // Not stored: the use's token was exchanged already, or a retry of this use stored its token first.
        guard isStored else { throw ExposureVerificationService.invalidCode }
        return TokenGrant(
            token: token, testType: use.diagnosis.testType.rawValue, symptomDate: use.diagnosis.symptomDate?.iso8601,
            testDate: use.diagnosis.testDate.iso8601, expiresAt: expiresAt)
    }

    /// Uses a token once for a certificate that allows publishing exactly the keys `ekeyhmac` covers.
    package func certificate(token: String, ekeyhmac: String) async throws -> CertificateGrant {
        guard let mac = Data(base64Encoded: ekeyhmac), mac.count == TEKMAC.byteCount else {
            throw ServiceError(.invalidHMAC, "ekeyhmac must be the base64 of a 32-byte HMAC-SHA256.")
        }
        let now = clock.now()
        let hash = ExposureSecret.hash(token)
        guard let grant = try await store.consumeToken(hash: hash, at: now) else {
            if try await store.tokenHasExpired(hash: hash, at: now) {
                throw ServiceError(.expiredVerificationToken, "The token has expired: verify a new code.")
            }
            throw ServiceError(.invalidVerificationToken, "The token is unknown or used.")
        }
        let expiresAt = now.adding(seconds: Self.certificateLifetimeSeconds)
        // As the reference verification server: issued and valid from a few seconds back, for clocks behind ours.
        let validFrom = now.secondsSinceEpoch - Self.certificateBackdatingSeconds
        let claims = VerificationClaims(
            issuer: configuration.healthAuthorityID, audience: configuration.certificateAudience, issuedAt: validFrom,
            notBefore: validFrom,
            expiresAt: expiresAt.secondsSinceEpoch, reportType: grant.testType,
            symptomOnsetInterval: grant.symptomOnsetInterval, tekmac: mac.base64EncodedString())
        let ring = keys.current
        let certificate = try VerificationCertificate.sign(
            claims, keyID: ring.currentCertificateKey.version, with: ring.certificateSigner)
        return CertificateGrant(certificate: certificate, expiresAt: expiresAt)
    }

    /// Checks the certificate, the keys' HMAC against it and every key, then stores the keys with the diagnosis
    /// the certificate states; the certificate is spent in the same transaction. Keys that break a rule on their
    /// own are dropped and named in the receipt's warnings (`partial_failure`); the others are stored.
    package func publish(_ request: PublishRequest) async throws -> PublishReceipt {
        guard request.temporaryExposureKeys.count <= Self.maximumKeys else {
            throw ServiceError(.tooManyKeys, "A publish holds at most \(Self.maximumKeys) keys.")
        }
        guard !request.temporaryExposureKeys.isEmpty else {
            throw ServiceError(.invalidKeys, "A publish holds at least one key.")
        }
        guard request.healthAuthorityID == configuration.healthAuthorityID else {
            throw ServiceError(.unknownHealthAuthority, "healthAuthorityID is not this server's health authority.")
        }
        let now = clock.now()
        let claims = try verifiedClaims(request.verificationPayload, at: now)
        guard let secret = Data(base64Encoded: request.hmacKey), !secret.isEmpty else {
            throw ServiceError(.invalidHMAC, "hmacKey must be non-empty base64.")
        }
        let submitted = try PublishedKeys.parse(request.temporaryExposureKeys)
        guard let tekmac = Data(base64Encoded: claims.tekmac),
            TEKMAC.isValid([UInt8](tekmac), for: submitted, secret: [UInt8](secret))
        else {
            throw ServiceError(.hmacMismatch, "The keys are not the ones the certificate was issued for.")
        }
        let (kept, warnings) = try PublishedKeys.validate(
            submitted, with: validator, at: try ENIntervalNumber(unixSeconds: now.secondsSinceEpoch))
        let keys = try kept.map {
            try DiagnosisKey(
                key: $0.key, rollingStartIntervalNumber: $0.rollingStartIntervalNumber, rollingPeriod: $0.rollingPeriod,
                transmissionRiskLevel: $0.transmissionRiskLevel == 0
                    ? claims.reportType.defaultTransmissionRisk : $0.transmissionRiskLevel,
                reportType: claims.reportType.reportType,
                daysSinceOnsetOfSymptoms: claims.daysSinceOnset(of: $0))
        }
        let certificateHash = try VerificationCertificate.usedCertificateHash(request.verificationPayload)
        let revisionToken = ExposureSecret.revisionToken(certificateHash: certificateHash, hmacSecret: [UInt8](secret))
        // The used certificate is kept until the hour after it expires, and keys count as published at the start
        // of the export window they fall in: no exact time of the upload is stored.
        let publication = KeyPublication(
            certificateHash: certificateHash,
            certificateExpiresAt: Timestamp(secondsSinceEpoch: claims.expiresAt).roundedUp(to: Timestamp.hourSeconds),
            revisionTokenHash: request.revisionToken.map(ExposureSecret.hash),
            newRevisionTokenHash: ExposureSecret.hash(revisionToken), keys: keys,
            publishedAt: now.roundedDown(to: configuration.exportIntervalSeconds))
        do {
            let outcome = try await store.publish(publication)
            return PublishReceipt(
                revisionToken: revisionToken, insertedExposures: outcome.insertedCount, warnings: warnings)
        } catch let error as ExposureStoreError {
            throw error.serviceError
        }
    }

    /// The claims of a certificate of ours or of a trusted verification server: the key its `iss` and `kid` name
    /// (``ExposureKeyRing/certificateKeys(ownIssuer:)``, as last read), checked exactly alike.
    private func verifiedClaims(_ certificate: String, at now: Timestamp) throws -> VerificationClaims {
        do {
            return try VerificationCertificate.verify(
                certificate,
                keysByIssuer: keys.current.certificateKeys(ownIssuer: configuration.healthAuthorityID),
                audience: configuration.certificateAudience, at: now.secondsSinceEpoch)
        } catch let error as ContactTracingError where error.code == .certificateExpired {
            throw ServiceError(.certificateExpired, "The verification certificate has expired.")
        } catch is ContactTracingError {
            throw ServiceError(.invalidCertificate, "The verification certificate is not valid.")
        }
    }
}

/// `{token, testtype, testType, symptomDate?, testDate, expiresAt}`: the reference verification server's answer
/// (`testtype`, which its apps read), with our `testType` kept beside it.
package struct TokenGrant: Encodable, Sendable {
    let token: String
    let testType: String
    let symptomDate: String?
    let testDate: String
    let expiresAt: Timestamp

    package init(token: String, testType: String, symptomDate: String?, testDate: String, expiresAt: Timestamp) {
        self.token = token
        self.testType = testType
        self.symptomDate = symptomDate
        self.testDate = testDate
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case token, testType, referenceTestType = "testtype", symptomDate, testDate, expiresAt
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(testType, forKey: .testType)
        try container.encode(testType, forKey: .referenceTestType)
        try container.encodeIfPresent(symptomDate, forKey: .symptomDate)
        try container.encode(testDate, forKey: .testDate)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}

/// `{certificate, expiresAt}`.
package struct CertificateGrant: Codable, Sendable {
    let certificate: String
    let expiresAt: Timestamp

    package init(certificate: String, expiresAt: Timestamp) {
        self.certificate = certificate
        self.expiresAt = expiresAt
    }
}

/// `{revisionToken, insertedExposures}`, with `code` `partial_failure` and `warnings` naming each key dropped when
/// some were (the reference key server's answer).
package struct PublishReceipt: Encodable, Sendable {
    let revisionToken: String
    let insertedExposures: Int
    let warnings: [String]

    package init(revisionToken: String, insertedExposures: Int, warnings: [String] = []) {
        self.revisionToken = revisionToken
        self.insertedExposures = insertedExposures
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey {
        case revisionToken, insertedExposures, code, warnings
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revisionToken, forKey: .revisionToken)
        try container.encode(insertedExposures, forKey: .insertedExposures)
        if !warnings.isEmpty {
            try container.encode("partial_failure", forKey: .code)
            try container.encode(warnings, forKey: .warnings)
        }
    }
}

extension ExposureStoreError {
    var serviceError: ServiceError {
        switch self {
        case .certificateUsed: ServiceError(.certificateUsed, "The verification certificate has been used already.")
        case .invalidRevisionToken: ServiceError(.invalidRevisionToken, "The revision token is unknown.")
        case .keyAlreadyPublished:
            ServiceError(.keyAlreadyPublished, "A key was already published in another upload.")
        case .invalidReportTypeTransition:
            ServiceError(
                .invalidReportTypeTransition,
                "A key's report type may change only from a clinical diagnosis to a confirmed test or revoked.")
        case .rollingStartChanged:
            ServiceError(.invalidKeys, "A key published again must keep its rollingStartNumber.")
        case .exportRaced: ServiceError(.exportRaced, "Another export job covered the same window.")
        }
    }
}

extension ServiceError.Code {
    static let invalidVerificationToken = Self("invalid-verification-token", .invalidInput)
    static let expiredVerificationToken = Self("expired-verification-token", .invalidInput)
    static let invalidHMAC = Self("invalid-hmac", .invalidInput)
    static let hmacMismatch = Self("hmac-mismatch", .invalidInput)
    static let certificateUsed = Self("certificate-used", .invalidInput)
    static let invalidCertificate = Self("invalid-certificate", .invalidInput)
    static let certificateExpired = Self("certificate-expired", .invalidInput)
    static let tooManyKeys = Self("too-many-keys", .invalidInput)
    static let invalidKeys = Self("invalid-keys", .invalidInput)
    static let unknownHealthAuthority = Self("unknown-health-authority", .invalidInput)
    static let invalidRevisionToken = Self("invalid-revision-token", .invalidInput)
    static let keyAlreadyPublished = Self("key-already-published", .invalidInput)
    static let invalidReportTypeTransition = Self("invalid-report-type-transition", .invalidInput)
    static let exportRaced = Self("export-raced", .conflict)
}
