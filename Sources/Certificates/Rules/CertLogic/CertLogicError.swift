/// Why a CertLogic expression was refused, or why evaluating it failed.
public struct CertLogicError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Names the operation and what is wrong, e.g. `plusTime: the unit must be one of year, month, day, hour`.
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
