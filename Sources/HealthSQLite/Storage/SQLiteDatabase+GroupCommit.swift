import HealthServices

extension SQLiteDatabase {
    /// The most grouped writes one shared transaction takes.
    static let maxWritesPerGroupCommit = 256

    /// Runs `body` in a transaction that it shares with the other grouped writes waiting, so they share one
    /// commit (and its fsync): each body runs in its own savepoint, in arrival order, inside one `BEGIN IMMEDIATE`
    /// transaction, and a body that throws is rolled back to its savepoint alone.
    ///
    /// Every caller hears the outcome of the transaction its write was in, and nothing else: it returns only once
    /// that transaction's `COMMIT` is durable, and if the commit fails every caller gets that failure and nothing
    /// of theirs was written. Should SQLite roll the shared transaction back by itself while a body runs (a full
    /// disk, an I/O error), no statement runs after that, and each write of the group runs again alone, in a
    /// transaction of its own, and answers for that one. So `body` may run more than once, as on any backend whose
    /// writes are retried; only the run whose transaction committed counts.
    ///
    /// A failure of SQLite's reaches the caller as a ``StoreError``: `storageFull` for a full disk,
    /// `databaseUnavailable` when another process held the write lock past the busy timeout.
    ///
    /// Bodies are async so that stores of other backends can share their shape, but here they run on this
    /// actor's thread one after another: the store methods they call run where they are called
    /// (`nonisolated(nonsending)`), so a body never suspends between its statements and no other work of this
    /// actor can come between them.
    public func groupedWrite<T: Sendable>(_ body: sending @escaping (SQLiteConnection) async throws -> T) async throws
        -> T
    {
        let name = self.name
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            var value: T?
            pendingWrites.append(
                PendingWrite(
                    run: { connection in value = try await body(connection) },
                    complete: { outcome in
                        switch (outcome, value) {
                        case (.success, let value?):
                            continuation.resume(returning: value)
                        case (.success, nil):
                            continuation.resume(throwing: StoreError("a grouped write committed without a value"))
                        case (.failure(let error as SQLiteError), _):
                            continuation.resume(throwing: error.storeError(database: name))
                        case (.failure(let error), _):
                            continuation.resume(throwing: error)
                        }
                    }
                )
            )
            scheduleFlush()
        }
    }

    /// Queues one flush behind the jobs already waiting on this actor, so the writes among them join it.
    private func scheduleFlush() {
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        Task { await self.flushWrites() }
    }

    /// Runs the waiting writes (up to ``maxWritesPerGroupCommit``) in one transaction. Should a body ever
    /// suspend, a flush that starts meanwhile leaves its writes to the one under way, which schedules the next.
    private func flushWrites() async {
        isFlushScheduled = false
        guard !isFlushing else { return }
        isFlushing = true
        defer {
            isFlushing = false
            if !pendingWrites.isEmpty { scheduleFlush() }
            writeEnded()
        }
        let count = min(pendingWrites.count, Self.maxWritesPerGroupCommit)
        let batch = Array(pendingWrites.prefix(count))
        pendingWrites.removeFirst(count)
        if let outcomes = await runTogether(batch) {
            finish(batch, outcomes)
        } else {
            // SQLite rolled the shared transaction back while a body ran: nothing of the batch was written, and
            // what the bodies decided before then was decided on rows that never committed.
            for write in batch { finish([write], [await runAlone(write)]) }
        }
    }

    /// Runs `batch` in one transaction, each write in a savepoint, and commits it: each write's outcome, or nil
    /// when SQLite rolled the transaction back while a body ran (then nothing was written and nobody is answered).
    private func runTogether(_ batch: [PendingWrite]) async -> [Result<Void, any Error>]? {
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            return Array(repeating: .failure(error), count: batch.count)
        }
        connection.isTransactionRequired = true
        var outcomes: [Result<Void, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        for write in batch {
            outcomes.append(await runInSavepoint(write))
            guard connection.isInTransaction else {
                connection.isTransactionRequired = false
                return nil
            }
        }
        connection.isTransactionRequired = false
        do {
            try connection.run("COMMIT")
            return outcomes
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            return Array(repeating: .failure(error), count: batch.count)
        }
    }

    /// Runs one write inside the open transaction, in a savepoint that keeps its changes only if it succeeds.
    private func runInSavepoint(_ write: PendingWrite) async -> Result<Void, any Error> {
        do {
            try connection.run("SAVEPOINT grouped_write")
        } catch {
            return .failure(error)
        }
        do {
            try await write.run(connection)
            try connection.run("RELEASE grouped_write")
            return .success(())
        } catch {
            try? connection.execute("ROLLBACK TO grouped_write")
            try? connection.execute("RELEASE grouped_write")
            return .failure(error)
        }
    }

    /// Runs one write in a transaction of its own.
    private func runAlone(_ write: PendingWrite) async -> Result<Void, any Error> {
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            return .failure(error)
        }
        connection.isTransactionRequired = true
        do {
            try await write.run(connection)
            connection.isTransactionRequired = false
            try connection.run("COMMIT")
            return .success(())
        } catch {
            connection.isTransactionRequired = false
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            return .failure(error)
        }
    }

    /// Answers each write of a transaction that has ended, and notes for readiness whether space ran out.
    private func finish(_ writes: [PendingWrite], _ outcomes: [Result<Void, any Error>]) {
        var committed = false
        var failedForSpace = false
        for (write, outcome) in zip(writes, outcomes) {
            switch outcome {
            case .success: committed = true
            case .failure(let error as SQLiteError) where error.isOutOfSpace: failedForSpace = true
            case .failure: break
            }
            write.complete(outcome)
        }
        outOfSpace.noteWrite(committed: committed, outOfSpace: failedForSpace)
    }
}

/// A grouped write waiting on the database actor: its body, which keeps what it returns for `complete`, and the
/// resumption of its caller with the outcome of the transaction the body last ran in.
struct PendingWrite {
    let run: (SQLiteConnection) async throws -> Void
    let complete: (Result<Void, any Error>) -> Void
}
