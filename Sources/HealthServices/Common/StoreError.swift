/// A failure beneath the services that is not the caller's fault, with a code saying what the caller can do about
/// it: nothing (`failed`: a stored value the schema should have made impossible, a value drawn at random that kept
/// colliding), or wait and send the same request again (`storageFull`, `databaseUnavailable`). Whatever the code,
/// the write it interrupted did not happen, except `writeOutcomeUnknown`: the database stopped answering during the
/// write's COMMIT and could not say in time whether it committed.
///
/// Each backend turns its driver's failures into this one type at its boundary (a read, a write, opening the
/// databases), so the HTTP edge and the CLI read nothing else.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as clients and scripts see it: stable, kebab-case.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// Storage broke in a way only an operator can mend.
        public static let failed = Code("storage-failed")
        /// The disk holding a database is full: nothing more can be written until space is freed.
        public static let storageFull = Code("storage-full")
        /// The database server could not be reached in time.
        public static let databaseUnavailable = Code("database-unavailable")
        /// The database server stopped answering while the write committed: it may or may not have been saved. A
        /// write sent again with the same idempotency key (booking) or sample id (lab result) is safe.
        public static let writeOutcomeUnknown = Code("write-outcome-unknown")

        public var description: String { rawValue }
    }

    public let code: Code
    /// For logs and operators, never for clients.
    public let message: String
    /// The database it happened in (`health`, `exposure`), where the backend knows it.
    public let database: String?

    public init(_ message: String) {
        self.init(.failed, message)
    }

    public init(_ code: Code, _ message: String, database: String? = nil) {
        self.code = code
        self.message = message
        self.database = database
    }

    /// Whether the same request, sent again later, can succeed without anyone changing it.
    public var isTemporary: Bool { code != .failed }

    public var description: String { message }
}
