import ContactTracing
import Foundation

/// The one-time codes for the exposure-key upload: redeemed by the key server, issued by operators for cases
/// confirmed elsewhere (positive results issue theirs in ``ResultRecorder``).
public struct ExposureVerificationService: Sendable {
    let store: any RecordStore
    let keys: VerificationCodeKeys
    let clock: WallClock

    /// How far back a test or symptom date may lie for an operator-issued code: the keys' retention window.
    static let maximumDateAgeDays: Int64 = 14

    public init(store: any RecordStore, keys: VerificationCodeKeys, clock: WallClock) {
        self.store = store
        self.keys = keys
        self.clock = clock
    }

    /// Uses a code: once (a conditional update that succeeds for one caller only), or again within
    /// ``VerificationCodeUse/retryWindowSeconds`` of that first use as the phone's retry (see
    /// ``VerificationCodeUse``). An expired code is `expired-verification-code` (as the reference server tells its
    /// apps, so the holder asks for a new one); unknown, used and cancelled codes are refused alike as
    /// `invalid-verification-code`. A code for a diagnosis the app does not `accept` is refused as
    /// `unsupported-test-type` and stays as it was, so that an updated app may use it.
    public func consume(code: String, accepting accepted: AcceptedTestTypes = .all, at now: Timestamp) async throws
        -> VerificationCodeUse
    {
        guard code.utf8.count == ExposureVerificationCode.digitCount, code.utf8.allSatisfy({ $0 &- 48 < 10 }) else {
            throw Self.invalidCode
        }
        // An app that accepts none of the diagnoses we issue is refused before the code is looked up: refused
        // only for a code that exists, the answer would tell a guess that hit from one that missed.
        guard !accepted.isEmpty else {
            throw ServiceError(.unsupportedTestType, "The app accepts none of the diagnoses this server issues.")
        }
        let hash = keys.hash(code)
        let tag = VerificationCodeUse.newRetryTag()
        let retryUntil = now.adding(seconds: VerificationCodeUse.retryWindowSeconds)
        return try await store.write { transaction in
            let codes = transaction.verificationCodes
            // Twice at most: a first use may reopen the code between a retry's read and its mark (below).
            for _ in 0..<2 {
                // Thrown inside the transaction: a refused diagnosis rolls the code's use back.
                if let consumed = try await codes.consumeVerificationCode(
                    hash: hash, at: now, retryTag: tag, retryUntil: retryUntil)
                {
                    return VerificationCodeUse(
                        diagnosis: try await Self.diagnosis(of: consumed, accepting: accepted, transaction),
                        retryTag: tag, retryUntil: retryUntil, isRetry: false)
                }
                guard let used = try await codes.retriableVerificationCode(hash: hash, at: now) else {
                    if try await codes.verificationCodeHasExpired(hash: hash, at: now) { throw Self.expiredCode }
                    throw Self.invalidCode
                }
                // Marked, so that the first use, should its token fail to be stored, no longer reopens the code
                // whose retry's token works; not marked when it did reopen it meanwhile: used afresh then.
                if try await codes.markVerificationCodeRetried(hash: hash, retryTag: used.retryTag) {
                    return VerificationCodeUse(
                        diagnosis: try await Self.diagnosis(of: used, accepting: accepted, transaction),
                        retryTag: used.retryTag, retryUntil: used.retryUntil, isRetry: true)
                }
            }
            throw Self.invalidCode
        }
    }

    /// ``diagnosis(of:_:)`` when the app accepts it; `unsupported-test-type` otherwise.
    private static func diagnosis(
        of code: UsedVerificationCode, accepting accepted: AcceptedTestTypes, _ transaction: any RecordTransaction
    ) async throws -> VerifiedDiagnosis {
        let diagnosis = try await diagnosis(of: code, transaction.results)
        guard accepted.contains(diagnosis.testType) else {
            throw ServiceError(
                .unsupportedTestType,
                "The code is for a \(diagnosis.testType.rawValue) diagnosis, which the app does not accept.")
        }
        return diagnosis
    }

    /// What a used code vouches for: its own diagnosis, or its result's while that is still positive.
    private static func diagnosis(of code: UsedVerificationCode, _ results: any ResultTransaction)
        async throws -> VerifiedDiagnosis
    {
        if let diagnosis = code.diagnosis { return diagnosis }
        guard let resultID = code.resultId, let result = try await results.labResult(id: resultID),
            result.state == .positive
        else { throw Self.invalidCode }
        return VerifiedDiagnosis(result)
    }

    /// Opens again a code whose token could not be stored after `use`, so that its holder can try again rather
    /// than ask an operator for another. Only that use is undone (its retry tag forgotten), and the code is sealed
    /// again for its owner to see. Nothing is done when the phone retried that use meanwhile: the retry's token
    /// works, or, should its own storing have failed too, the code stays used and may be retried until the window
    /// closes (after that, an operator issues another).
    public func release(code: String, use: VerificationCodeUse) async throws {
        let hash = keys.hash(code)
        let sealed = try keys.seal(code, hash: hash)
        _ = try await store.write {
            try await $0.verificationCodes.releaseVerificationCode(hash: hash, retryTag: use.retryTag, sealed: sealed)
        }
    }

    /// Seals the codes a health database from before migration 11 (SQLite) or 9 (PostgreSQL) holds in clear: each
    /// is replaced by its hash, and its sealed copy while its owner may still see it. Run once the migrations have,
    /// before anything reads codes; a no-op once done. Returns how many it sealed.
    public func sealCodesLeftInClear() async throws -> Int {
        let now = clock.now()
        // A read first: nearly always there is nothing to seal, and a command that only reads then writes nothing.
        guard try await !store.read({ try await $0.verificationCodes.verificationCodesInClear(at: now) }).isEmpty else {
            return 0
        }
        return try await store.write { transaction in
            let codes = try await transaction.verificationCodes.verificationCodesInClear(at: now)
            for code in codes {
                let hash = keys.hash(code.code)
                try await transaction.verificationCodes.sealVerificationCode(
                    id: code.id, hash: hash, sealed: code.isShown ? try keys.seal(code.code, hash: hash) : nil)
            }
            return codes.count
        }
    }

    /// Issues a code for a case confirmed outside this system (audited; no person is recorded).
    public func issue(testDate: String, symptomDate: String?, by principal: Principal) async throws
        -> ExposureVerificationCode
    {
        let now = clock.now()
        let diagnosis = VerifiedDiagnosis(
            testType: .confirmed, testDate: try Self.recentDate(testDate, .invalidTestDate, now: now),
            symptomDate: try symptomDate.map { try Self.recentDate($0, .invalidSymptomDate, now: now) })
        return try await store.write { transaction in
            for _ in 0..<8 {
                let code = ExposureVerificationCode(
                    code: OpaqueID.digits(ExposureVerificationCode.digitCount), resultId: nil, createdAt: now,
                    expiresAt: now.adding(seconds: ExposureVerificationCode.lifetimeSeconds), diagnosis: diagnosis)
                if try await transaction.verificationCodes.insert(code, hash: keys.hash(code.code), sealed: nil) {
                    try await transaction.append(
                        AuditEvent(
                            by: principal, "exposure-code.issue", subject: "exposure-code:operator",
                            details: ["testType": diagnosis.testType.rawValue]),
                        at: now)
                    return code
                }
            }
            throw StoreError("could not draw a free verification code")
        }
    }

    private static func recentDate(_ text: String, _ code: ServiceError.Code, now: Timestamp) throws -> CalendarDate {
        // Today is Bahrain's, whose day the operator types: between 00:00 and 03:00 there UTC is still on yesterday.
        guard let date = CalendarDate(iso8601: text), date <= now.civilDate, isRecent(date, at: now) else {
            throw ServiceError(code, "The date must be YYYY-MM-DD within the last \(maximumDateAgeDays) days.")
        }
        return date
    }

    /// Whether keys of `day` can still matter: it is within the last ``maximumDateAgeDays`` days, the keys a phone
    /// publishes (counted from today in UTC, which is a day behind Bahrain's from 00:00 to 03:00 there).
    static func isRecent(_ day: CalendarDate, at now: Timestamp) -> Bool {
        day.daysSinceEpoch >= now.date.daysSinceEpoch - maximumDateAgeDays
    }

    static let invalidCode = ServiceError(.invalidVerificationCode, "The code is unknown, used or no longer valid.")
    static let expiredCode = ServiceError(
        .expiredVerificationCode, "The code has expired: ask for a new one.")
}

extension ServiceError.Code {
    public static let invalidVerificationCode = Self("invalid-verification-code", .invalidInput)
    static let expiredVerificationCode = Self("expired-verification-code", .invalidInput)
    static let invalidTestDate = Self("invalid-test-date", .invalidInput)
    static let invalidSymptomDate = Self("invalid-symptom-date", .invalidInput)
}
