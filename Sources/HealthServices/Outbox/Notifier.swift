/// Sends text messages to citizens. This version queues them in the outbox table; an SMS gateway plugs in
/// behind the same protocol.
public protocol Notifier: Sendable {
    /// Queues or sends `text` (carrying one-time `code`, if any) to the mobile number `phone`.
    func send(_ text: String, code: String?, to phone: String) async throws
}
