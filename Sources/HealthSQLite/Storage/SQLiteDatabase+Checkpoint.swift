extension SQLiteDatabase {
    /// How long the writer must have been idle before the log is checkpointed and truncated.
    static let idleCheckpointDelay = Duration.seconds(1)

    /// How long a checkpoint waits for a reader still using the log before it gives up until the next idle spell.
    static let checkpointBusyTimeoutMilliseconds: Int32 = 100

    /// Copies the whole log into the database file and truncates the log to zero bytes, so that a database at
    /// rest keeps no log beside it (SQLite's own checkpoints only reuse the log from its start). Returns false,
    /// changing nothing that matters, when a reader was still using the log; the next checkpoint catches up.
    @discardableResult
    public func checkpoint() throws -> Bool {
        guard case .file = location else { return true }
        try connection.setBusyTimeout(milliseconds: Self.checkpointBusyTimeoutMilliseconds)
        defer { try? connection.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds) }
        do {
            let busy = try connection.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)") { try $0.get(0, as: Int.self) }
            return busy == 0
        } catch let error as SQLiteError where error.isBusy {
            return false
        }
    }

    /// SQLite's check of every page, index and constraint (`PRAGMA integrity_check`): the problems it finds, none
    /// when the file is intact. Reads the whole file, so it is for operators, not for request paths.
    public func integrityProblems() throws -> [String] {
        let rows = try connection.query("PRAGMA integrity_check") { try $0.get(0, as: String.self) }
        return rows == ["ok"] ? [] : rows
    }

    /// For a clean stop, once no other work is under way: ends the database's background work, leaves the log
    /// checkpointed and empty, then ends the database's threads and waits for them, so that nothing of the
    /// database runs once this returns (a process may then exit safely). The database takes no work after this.
    public nonisolated func close() async {
        await finishBackgroundWork()
        readers?.shutDown()
        executor.shutDown()
    }

    /// Waits for the idle checkpoint to end (cancelled), then checkpoints.
    private func finishBackgroundWork() async {
        if let idleCheckpoint {
            idleCheckpoint.cancel()
            await idleCheckpoint.value
            self.idleCheckpoint = nil
        }
        _ = try? checkpoint()
    }

    /// Notes that a write has just ended and makes sure a checkpoint follows once the writer has been idle for
    /// ``idleCheckpointDelay``.
    func writeEnded() {
        lastWriteEnded = .now
        guard idleCheckpoint == nil, case .file = location else { return }
        idleCheckpoint = Task { [weak self] in
            var wait = Self.idleCheckpointDelay
            while !Task.isCancelled {
                try? await Task.sleep(for: wait)
                guard let database = self, !Task.isCancelled else { return }
                guard let remaining = await database.checkpointIfIdle() else { return }
                wait = remaining
            }
        }
    }

    /// Checkpoints if no write has ended for ``idleCheckpointDelay`` and none is waiting: nil when done (or
    /// tried), else how much longer to wait.
    private func checkpointIfIdle() -> Duration? {
        let idle = ContinuousClock.now - lastWriteEnded
        guard idle >= Self.idleCheckpointDelay, pendingWrites.isEmpty, !isFlushing else {
            return max(Self.idleCheckpointDelay - idle, .milliseconds(10))
        }
        idleCheckpoint = nil
        _ = try? checkpoint()
        return nil
    }
}
