/// A failure inside the OpenSSL layer: bad key material, a malformed certificate, or an OpenSSL call that failed.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, stable across releases so callers can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case invalidKey = "invalid-key"
            case invalidInput = "invalid-input"
            case invalidCertificate = "invalid-certificate"
            case unsupportedAlgorithm = "unsupported-algorithm"
            case internalFailure = "internal-failure"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public static let invalidKey = Code(.invalidKey)
        public static let invalidInput = Code(.invalidInput)
        public static let invalidCertificate = Code(.invalidCertificate)
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        public static let internalFailure = Code(.internalFailure)

        public var description: String { value.rawValue }
    }

    public let code: Code
    /// Detail for logs and people (OpenSSL's own message where there is one), never for clients.
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code): \(reason)" }
}
