/// A failure beneath the services that is not the caller's fault: a stored value the schema should have made
/// impossible, or a value drawn at random that kept colliding. It reaches clients as a plain server error.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
