public import HealthServices

/// The `outbox` table of `health.sqlite`.
public struct OutboxSQLiteStore: OutboxStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func latest(limit: Int) async throws -> [OutboxMessage] {
        try await database.read { connection in
            try connection.query("SELECT recipient, body, code, created_at FROM outbox ORDER BY id DESC LIMIT ?", limit)
            { row in
                OutboxMessage(to: try row.get(0), text: try row.get(1), code: try row.get(2), createdAt: try row.get(3))
            }
        }
    }
}
