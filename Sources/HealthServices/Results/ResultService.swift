import Certificates

/// Lab results: batches from labs (idempotent on the lab's sample id, corrections kept as history), what
/// citizens see, and what each result sets off: a test or recovery certificate, a verification code, a case.
public struct ResultService: Sendable {
    let store: any RecordStore
    let authority: CertificateAuthority
    /// The value sets a rapid antigen test's device is checked against.
    let borderLists: BorderListService
    /// Hash and seal the codes positive results give, and open them for their owners.
    let codeKeys: VerificationCodeKeys
    /// The isolation a positive result's case is given.
    let policy: OrderPolicy
    let clock: WallClock

    /// The most items one HTTP batch may hold.
    public static let maxBatchSize = 1_000

    public init(
        store: any RecordStore, authority: CertificateAuthority, borderLists: BorderListService,
        codeKeys: VerificationCodeKeys, policy: OrderPolicy = .init(), clock: WallClock
    ) {
        self.store = store
        self.authority = authority
        self.borderLists = borderLists
        self.codeKeys = codeKeys
        self.policy = policy
        self.clock = clock
    }

    /// Records a batch in one transaction, each item whole or not at all, and answers one outcome per item.
    ///
    /// Sample ids are the lab's own: `lab` names it (by default the caller, a lab's token name). With
    /// `allOrNothing`, any rejected item rolls the whole batch back and the outcomes say which failed
    /// (``ResultBatchRejected``). `progress` is called after each item with the count done.
    public func submit(
        _ items: [Result<LabResultSubmission, ServiceError>],
        from lab: String? = nil,
        by principal: Principal,
        allOrNothing: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> [LabResultOutcome] {
        let listedDevices = try await listedDevices(for: items)
        return try await store.write { base in
            let transaction = AuditDeferringTransaction(base)
            var outcomes: [LabResultOutcome] = []
            outcomes.reserveCapacity(items.count)
            var seen: Set<String> = []
            try await transaction.holdPeople(nationalIDs: items.compactMap { try? $0.get().nationalId })
            // The time is read once the people are held, on every attempt: a batch that waited for another's
            // commit (on PostgreSQL) records after it, never with an earlier time than the case that write opened.
            let recorder = ResultRecorder(
                authority: authority, codeKeys: codeKeys, policy: policy, lab: lab ?? principal.name,
                principal: principal, now: clock.now(), listedDevices: listedDevices)
            for start in stride(from: 0, to: items.count, by: ResultLookups.stretch) {
                let stretch = items.indices.clamped(to: start..<start + ResultLookups.stretch)
                let submissions = items[stretch].compactMap { try? $0.get() }
                let lookups = try await ResultLookups(for: submissions, lab: recorder.lab, in: transaction)
                for index in stretch {
                    outcomes.append(
                        try await record(
                            items[index], index: index, seen: &seen, lookups: lookups, recorder: recorder,
                            in: transaction))
                    progress?(index + 1)
                }
            }
            if allOrNothing, outcomes.contains(where: { $0.status == .rejected }) {
                throw ResultBatchRejected(outcomes: outcomes)
            }
            try await transaction.appendDeferred()
            return outcomes
        }
    }

    /// The rapid antigen devices a test certificate may name (``BorderListService/listedTestDevices()``); none read
    /// when no item is a rapid antigen negative.
    private func listedDevices(for items: [Result<LabResultSubmission, ServiceError>]) async throws -> Set<String> {
        let negativeAntigen = items.contains {
            guard case .success(let submission) = $0 else { return false }
            return submission.test == .rapidAntigen && submission.result == .negative
        }
        return negativeAntigen ? try await borderLists.listedTestDevices() : []
    }

    /// The outcome of batch item `index`: refused as it came, as a repeat of a sample id in `seen`, or for what
    /// recording it found; recorded in a savepoint, so a refused item leaves nothing behind.
    private func record(
        _ item: Result<LabResultSubmission, ServiceError>, index: Int, seen: inout Set<String>, lookups: ResultLookups,
        recorder: ResultRecorder, in transaction: any RecordTransaction
    ) async throws -> LabResultOutcome {
        switch item {
        case .failure(let error):
            return .rejected(index, sampleId: nil, error)
        case .success(let submission) where !seen.insert(submission.sampleId).inserted:
            return .rejected(
                index, sampleId: submission.sampleId,
                ServiceError(.duplicateSampleID, "This sampleId appears earlier in the same batch."))
        case .success(let submission):
            do {
                return try await transaction.atomically {
                    try await recorder.record(submission, index: index, lookups: lookups, in: transaction)
                }
            } catch let error as ServiceError {
                return .rejected(index, sampleId: submission.sampleId, error)
            }
        }
    }

    /// The results of the people the principal may see (a citizen: themself and their dependants), newest
    /// sample first, each with its open verification code when it is the owner's to see.
    public func results(for principal: Principal, personID: String?) async throws -> [LabResultView] {
        let now = clock.now()
        return try await store.read { transaction in
            let people = try await transaction.visiblePeople(to: principal, personID: personID)
            var views: [LabResultView] = []
            for result in try await transaction.results.labResults(ofPeople: people) {
                let sealed =
                    principal.role == .citizen && result.state == .positive
                    ? try await transaction.verificationCodes.openVerificationCode(resultID: result.id, at: now) : nil
                let code = try sealed.map {
                    ExposureVerificationCode(
                        code: try codeKeys.open($0.sealed, hash: $0.hash), resultId: result.id, createdAt: $0.createdAt,
                        expiresAt: $0.expiresAt)
                }
                views.append(LabResultView(result: result, verificationCode: code))
            }
            return views
        }
    }
}

/// A batch imported all-or-nothing had rejected items, so nothing was written.
public struct ResultBatchRejected: Error, Sendable {
    public let outcomes: [LabResultOutcome]
}

/// A result with the verification code its owner may use.
public struct LabResultView: Sendable, Hashable {
    public let result: LabResult
    public let verificationCode: ExposureVerificationCode?
}

extension ServiceError.Code {
    public static let duplicateSampleID = Self("duplicate-sample-id", .unprocessable)
    public static let sampleIDConflict = Self("sample-id-conflict", .conflict)
    public static let staleResult = Self("stale-result", .conflict)
    public static let implausibleSampleDate = Self("implausible-sample-date", .unprocessable)
    public static let batchTooLarge = Self("batch-too-large", .invalidInput)
    public static let emptyBatch = Self("empty-batch", .invalidInput)
}
