/// A text message waiting in the outbox for the SMS gateway (or an operator) to deliver.
public struct OutboxMessage: Sendable, Hashable, Codable {
    /// The recipient's E.164 mobile number.
    public let to: String
    public let text: String
    /// The one-time code the text carries, when it carries one.
    public let code: String?
    public let createdAt: Timestamp

    package init(to: String, text: String, code: String?, createdAt: Timestamp) {
        self.to = to
        self.text = text
        self.code = code
        self.createdAt = createdAt
    }
}
