/// What the verification-code services read and change inside a record transaction. Codes are held as keyed
/// hashes, with a sealed copy for their owner while open (see ``VerificationCodeKeys``).
///
/// Isolation a backend must give: a code is consumed by one conditional update that only an open code passes, so
/// of two concurrent uses only one gets the code.
public protocol VerificationCodeTransaction {
    /// The result's code that is neither used, cancelled nor expired at `now`, as stored: hashed and sealed.
    func openVerificationCode(resultID: String, at now: Timestamp) async throws -> SealedVerificationCode?
    /// Stores a new code as its hash, with the copy sealed for its owner (nil for an operator's code, shown only
    /// when issued); false when a code of that hash is already open (draw another).
    func insert(_ code: ExposureVerificationCode, hash: [UInt8], sealed: [UInt8]?) async throws -> Bool
    /// Cancels the result's open codes, erasing their sealed copies.
    func cancelVerificationCodes(resultID: String, at now: Timestamp) async throws
    /// Marks the open, unexpired code of `hash` used and returns it; nil when no open code matches. The use is
    /// stored rounded down to the hour, the sealed copy erased, and `retryTag` kept with the exact `retryUntil`
    /// (see ``VerificationCodeUse``). A conditional update (`... WHERE consumed_at IS NULL`), so of two concurrent
    /// callers only one gets the code.
    func consumeVerificationCode(hash: [UInt8], at now: Timestamp, retryTag: [UInt8], retryUntil: Timestamp)
        async throws -> UsedVerificationCode?
    /// The used, uncancelled code of `hash` whose retry window is open at `now`, with its tag: what a retry of its
    /// use needs. A read: the key server's database orders concurrent retries.
    func retriableVerificationCode(hash: [UInt8], at now: Timestamp) async throws -> UsedVerificationCode?
    /// Marks the use of the code of `hash` with `retryTag` as retried, so that its first use no longer reopens it
    /// (``releaseVerificationCode(hash:retryTag:sealed:)``); false when no such use is stored (the first use
    /// reopened the code meanwhile).
    func markVerificationCodeRetried(hash: [UInt8], retryTag: [UInt8]) async throws -> Bool
    /// Whether a code with this hash is held unused, not cancelled and expired at `now`.
    func verificationCodeHasExpired(hash: [UInt8], at now: Timestamp) async throws -> Bool
    /// Opens again the code of `hash` used with `retryTag`, forgetting the use and restoring the sealed copy when
    /// the code has an owner (a result); false when no such use is stored, or the use was retried (the retry's
    /// token works: reopened, the code would give a second).
    func releaseVerificationCode(hash: [UInt8], retryTag: [UInt8], sealed: [UInt8]) async throws -> Bool
    /// The codes still stored in clear (before the health database kept them hashed: migration 11 on SQLite, 9
    /// on PostgreSQL), with whether each is open at `now` for its owner to see.
    func verificationCodesInClear(at now: Timestamp) async throws -> [(id: Int64, code: String, isShown: Bool)]
    /// Replaces a code stored in clear by its hash and, when it is still shown, its sealed copy (a no-op when
    /// another server sealed it first).
    func sealVerificationCode(id: Int64, hash: [UInt8], sealed: [UInt8]?) async throws
    /// Codes issued and used per UTC day (`YYYY-MM-DD`), for the key server's statistics.
    func verificationCodeCountsByDay() async throws -> [(day: String, issued: Int, used: Int)]
}
