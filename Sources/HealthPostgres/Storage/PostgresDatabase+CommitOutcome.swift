import PostgresNIO

extension PostgresDatabase {
    /// What became of a transaction whose COMMIT went unanswered.
    enum CommitOutcome: Equatable {
        case committed
        /// It did not commit and never will: its write did not happen.
        case rolledBack
        /// The database could not say in time, or could not say for sure.
        case unknown
    }

    /// `pg_xact_status`'s refusal of an id the server has not handed out (yet): after a crash, the id of a
    /// transaction that left nothing on disk.
    static let idInTheFuture = PostgresError.Code.invalidParameterValue.raw

    /// How often the outcome is asked again while the database cannot say yet.
    static let outcomePollInterval = Duration.milliseconds(100)

    /// Asks the database, for at most ``connectionWait``, what became of the transaction of `mark` (begun after
    /// `began`), whose COMMIT went unanswered: `pg_xact_status`, on another connection once the server answers again.
    ///
    /// A transaction id is not forever: one that never reached the disk (no WAL record of it was flushed) is handed
    /// out again after crash recovery, or by a standby promoted in the server's place, so "committed" may then be
    /// another transaction's. PostgreSQL resets its statistics at crash recovery, and a promoted standby started at
    /// another time than the server the id came from: either makes "committed" untrustworthy (unknown), while
    /// "aborted" and "in the future" (the id was forgotten) stay certain, since a transaction that committed left its
    /// id on disk, and on a synchronous standby. Without a mark (the write's statements recorded none) nothing can
    /// be asked.
    func commitOutcome(of mark: TransactionMark?, since began: ContinuousClock.Instant) async -> CommitOutcome {
        guard let mark else { return .unknown }
        let deadline = ContinuousClock.now + connectionWait
        while ContinuousClock.now < deadline, !Task.isCancelled {
            if let outcome = try? await askOutcome(of: mark, since: began, until: deadline) {
                logger.debug("settled an unanswered COMMIT", metadata: ["outcome": "\(outcome)"])
                return outcome
            }
            try? await Task.sleep(for: min(Self.outcomePollInterval, deadline - .now))
        }
        return .unknown
    }

    /// One question about the transaction of `mark`: nil while it is still in progress.
    private func askOutcome(
        of mark: TransactionMark, since began: ContinuousClock.Instant, until deadline: ContinuousClock.Instant
    ) async throws -> CommitOutcome? {
        try await withLease(until: deadline) { connection in
            let session = PostgresSession(connection: connection, logger: logger, isWrite: false)
            let answer: (String?, Double?, Double)?
            do {
                answer = try await session.first(
                    """
                    SELECT pg_xact_status(\(String(mark.id))::xid8),
                        extract(epoch FROM clock_timestamp() - stats_reset)::float8,
                        extract(epoch FROM pg_postmaster_start_time())::float8 FROM pg_stat_archiver
                    """
                ) { try $0.decode((String?, Double?, Double).self) }
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.idInTheFuture {
                return .rolledBack
            }
            switch answer?.0 {
            case "committed":
                // A second more than the transaction's age allows for the two clocks and the round trip.
                let sinceReset = answer?.1 ?? 0
                let sinceBegan = (ContinuousClock.now - began) / .seconds(1)
                let sameServer = answer?.2 == mark.serverStartedAt
                return sameServer && sinceReset > sinceBegan + 1 ? .committed : .unknown
            case "aborted": return .rolledBack
            case "in progress": return nil
            default: return .unknown
            }
        }
    }
}
