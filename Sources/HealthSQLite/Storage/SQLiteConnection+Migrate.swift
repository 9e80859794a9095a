import HealthServices

extension SQLiteConnection {
    /// Applies the migrations this database has not seen yet, each in its own transaction, and records them.
    ///
    /// Refuses a database that records a migration this build doesn't know, knows under another name, or records
    /// a migration without one before it.
    func migrate(_ migrations: [Migration]) throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw SQLiteError.misuse(
                "migration \(migration.name) is numbered \(migration.version), expected \(offset + 1)")
        }
        try execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ) STRICT
            """
        )
        let applied = try query("SELECT version, name FROM schema_migrations ORDER BY version") { row in
            (version: try row.get(0, as: Int.self), name: try row.get(1, as: String.self))
        }
        if let newest = applied.last, newest.version > migrations.count {
            throw SQLiteError.misuse(
                "database has migration \(newest.version) (\(newest.name)), newer than this build")
        }
        if let gap = Migration.gap(in: applied.map(\.version)) { throw SQLiteError.misuse(gap) }
        for record in applied where migrations[record.version - 1].name != record.name {
            throw SQLiteError.misuse(
                "database migration \(record.version) is \(record.name), this build calls it "
                    + migrations[record.version - 1].name)
        }
        for migration in migrations.dropFirst(applied.count) {
            try execute("BEGIN IMMEDIATE")
            do {
                // Another process opening the file at the same time (the server and an operator's command after
                // an upgrade) may have applied it while this one waited for the write lock.
                let done = try queryFirst(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", migration.version,
                    row: { try $0.get(0, as: Int.self) })
                guard done == nil else {
                    // Read the history again, with every check on it: the other may be a newer build.
                    try execute("COMMIT")
                    return try migrate(migrations)
                }
                try execute(migration.sql)
                try run(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", migration.version, migration.name)
                try execute("COMMIT")
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }
    }
}
