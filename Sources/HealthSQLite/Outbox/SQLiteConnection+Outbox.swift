import HealthServices

extension SQLiteConnection {
    /// Queues a text message in the `outbox` table, in the transaction this connection is in: the message is sent
    /// exactly when the change it tells of commits.
    func enqueue(_ message: OutboxMessage) throws {
        try run(
            "INSERT INTO outbox (recipient, body, code, created_at) VALUES (?, ?, ?, ?)", message.to, message.text,
            message.code, message.createdAt)
    }
}
