public import HealthServices
import PostgresNIO

/// The `outbox` table of the PostgreSQL health database.
public struct OutboxPostgresStore: OutboxStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func latest(limit: Int) async throws -> [OutboxMessage] {
        try await database.read { session in
            try await session.all(
                "SELECT recipient, body, code, created_at FROM outbox ORDER BY id DESC LIMIT \(limit)"
            ) { row in
                let (to, text, code, createdAt) = try row.decode((String, String, String?, Timestamp).self)
                return OutboxMessage(to: to, text: text, code: code, createdAt: createdAt)
            }
        }
    }
}
