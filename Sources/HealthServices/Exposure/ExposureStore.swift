public import ContactTracing

/// Storage of the key server, kept apart from the health records (a database of its own on each backend). Every
/// method is one transaction; each says the isolation it needs, and none relies on a single writer for
/// correctness.
public protocol ExposureStore: Sendable {
    /// Stores a new verification token (its hash is the primary key) with the retry tag of its code's first use and
    /// the end of that use's retry window.
    /// False, storing nothing, when a token of that tag is stored already: a retry of the same use came first (an
    /// insert that does nothing on the tag's unique key).
    func insert(_ token: VerificationToken) async throws -> Bool

    /// Stores the token of a retry in place of the unexchanged token of the same retry tag, in one transaction:
    /// deletes that token (so it no longer works) and inserts `token`. False, changing nothing, when the tag's
    /// token has been exchanged for a certificate already: the code has served. A tag names one token at most (a
    /// unique key); the tag's row is locked (or the database has one writer) before it is looked at.
    func replace(_ token: VerificationToken) async throws -> Bool

    /// Forgets the retry tags, with their windows' ends, of the tokens whose retry window closed by `now`; returns
    /// how many.
    func eraseRetryTags(endedBy now: Timestamp) async throws -> Int

    /// Marks the token used (in the hour of `now`: the use is stored rounded down to the hour) and returns it when
    /// it is unused and unexpired at `now`; nil otherwise. One
    /// conditional `UPDATE ... WHERE used_at IS NULL AND expires_at > now`, which must change exactly one row,
    /// so a token works once even with several servers.
    func consumeToken(hash: [UInt8], at now: Timestamp) async throws -> VerificationToken?

    /// Whether the token is held unused and expired at `now` (so that the app can be told it expired rather than
    /// that it is unknown). A read.
    func tokenHasExpired(hash: [UInt8], at now: Timestamp) async throws -> Bool

    /// Stores a publish in one transaction: claims the certificate (an insert of its hash that must add one row; a
    /// certificate used already is the phone's resend of its publish, answered again with the earlier count while
    /// its upload still answers to the revision token that publish gave, nothing published to it since, else
    /// ``ExposureStoreError/certificateUsed``), finds the upload of the revision token when one is sent
    /// (else ``ExposureStoreError/invalidRevisionToken``), inserts new keys, lengthens the period of the
    /// upload's own keys, and refuses a key another upload holds (``ExposureStoreError/keyAlreadyPublished``).
    /// Key data is unique, so of two concurrent publishes of one key only one commits; the revision check
    /// reads and writes the upload's rows in the same transaction (serializable, or `SELECT ... FOR UPDATE`).
    func publish(_ publication: KeyPublication) async throws -> PublicationOutcome

    /// Keys that became available in `start..<end` (unix seconds): new ones and revised ones. A snapshot read.
    func keys(availableFrom start: Int64, to end: Int64) async throws -> (keys: [DiagnosisKey], revised: [DiagnosisKey])

    /// The earliest time at or after `start` (unix seconds) at which a stored key became available, if any.
    func nextAvailableTime(from start: Int64) async throws -> Int64?

    /// The end of the last window the export job covered for `region`, nil before its first run.
    func exportCursor(region: String) async throws -> Int64?

    /// Records one covered window, `start..<end`, in one transaction: its batch, when it had keys, and the cursor
    /// moved from `previous` to `end`. The cursor moves only if it still stands at `previous` (a conditional update
    /// that must change one row), so two export jobs never both write a window; and only if the keys available in
    /// the window are still the batch's many, so a publish that committed after the batch was read is not left out
    /// (both ``ExposureStoreError/exportRaced``: the run reads the cursor again and writes the window anew, or goes
    /// on from where another run left it). A publish reads the cursor
    /// in its own transaction (see ``KeyPublication/availableAt(_:exportedThrough:)``), so once the cursor has moved
    /// no key can become available before it.
    func recordExportWindow(
        region: String, previous: Int64?, start: Int64, end: Int64, batch: ExportBatch?, at now: Timestamp
    ) async throws

    /// The batch file names of `region`, oldest first.
    func batchFileNames(region: String) async throws -> [String]

    /// The zip and ETag of one batch file.
    func exportFile(named name: String) async throws -> ExportFile?

    /// Retention in one transaction: deletes keys whose rolling period ended before `keysEndingBefore` and that an
    /// export has covered (available before `keysExportedBefore`, the run's own cursor), batches whose window ended
    /// before `batchesEndingBefore`, uploads left without keys, tokens expired by `tokensExpiredBy` and used
    /// certificates expired at `now`. Returns the names of the deleted batch files.
    func deleteExpired(
        keysEndingBefore: Int64, keysExportedBefore: Int64, batchesEndingBefore: Int64, tokensExpiredBy: Timestamp,
        at now: Timestamp
    ) async throws
        -> [String]

    /// Publishes, keys published and batches written per UTC day, oldest first.
    func dailyCounts() async throws -> [ExposureDailyCount]
}

/// Refusals the exposure store decides inside its transaction.
public enum ExposureStoreError: Error, Sendable, Hashable {
    case certificateUsed
    case invalidRevisionToken
    case keyAlreadyPublished
    /// A key's report type changed other than from a clinical diagnosis to a confirmed test or revoked.
    case invalidReportTypeTransition
    /// A key published again with another rolling start.
    case rollingStartChanged
    case exportRaced
}
