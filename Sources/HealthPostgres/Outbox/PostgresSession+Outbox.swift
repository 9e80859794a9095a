import HealthServices
import PostgresNIO

extension PostgresSession {
    /// Queues a text message in the `outbox` table, in this session's transaction: the message is sent exactly when
    /// the change it tells of commits.
    func enqueue(_ message: OutboxMessage) async throws {
        try await run(
            """
            INSERT INTO outbox (recipient, body, code, created_at)
            VALUES (\(message.to), \(message.text), \(message.code), \(message.createdAt))
            """)
    }
}
